// Each of the 20 actions of the permission policy denied in turn, in one sandbox: exactly that
// action is reported as not ok, `required` says whether the sync needs it, and the report blocks
// the connection exactly when it does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConnectionChecks } from "../../src/connectors/aws-identity-center/checks.js";
import { startCheckSandbox, type CheckSandbox } from "./checks-support.js";

// Written out by hand: the role of each action in the sync (required, or the sync goes on without it).
const REQUIRED_BY_THE_SYNC: Record<string, boolean> = {
  "identitystore:ListUsers": true,
  "identitystore:DescribeUser": false,
  "identitystore:ListGroups": true,
  "identitystore:DescribeGroup": false,
  "identitystore:ListGroupMemberships": true,
  "identitystore:ListGroupMembershipsForMember": false,
  "sso:ListInstances": true,
  "sso:ListPermissionSets": true,
  "sso:DescribePermissionSet": true,
  "sso:ListAccountAssignments": true,
  "sso:ListAccountAssignmentsForPrincipal": false,
  "sso:ListPermissionSetsProvisionedToAccount": true,
  "sso:ListManagedPoliciesInPermissionSet": true,
  "sso:GetInlinePolicyForPermissionSet": true,
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": true,
  "sso:ListTagsForResource": false,
  "organizations:DescribeOrganization": false,
  "organizations:ListAccounts": false,
  "organizations:DescribeAccount": false,
  "organizations:ListTagsForResource": false,
};

let env: CheckSandbox;

beforeAll(async () => {
  env = await startCheckSandbox();
});

afterAll(async () => {
  await env.sandbox.close();
});

describe("connect-time checks: each action of the permission policy", () => {
  it.each(Object.entries(REQUIRED_BY_THE_SYNC))("%s denied", async (action, required) => {
    env.sandbox.setFaults({ deniedActions: [action] });
    const report = await runConnectionChecks(env.options());
    expect(report.error).toBeUndefined();
    const failed = report.checks.filter((c) => !c.ok);
    expect(failed.map((c) => c.action)).toEqual([action]);
    expect(failed[0]?.required).toBe(required);
    expect(failed[0]?.message).toContain(`Add ${action}`);
    expect(report.blocking).toBe(required);
    expect(report.ok).toBe(false);
    if (required) {
      expect(report.warnings).toEqual([]);
    } else {
      expect(report.warnings).toEqual([expect.objectContaining({ code: "access_denied", action })]);
    }
    // The sandbox refused that action, which the checks did probe.
    expect(env.sandbox.counters.count(action, "denied")).toBeGreaterThan(0);
    env.sandbox.counters.reset();
  });

  it("makes the per-principal fallback required once organizations:ListAccounts is denied too", async () => {
    env.sandbox.setFaults({
      deniedActions: ["organizations:ListAccounts", "sso:ListAccountAssignmentsForPrincipal"],
    });
    const report = await runConnectionChecks(env.options());
    expect(report.blocking).toBe(true);
    const byAction = new Map(report.checks.map((c) => [c.action, c]));
    expect(byAction.get("sso:ListAccountAssignmentsForPrincipal")).toMatchObject({
      ok: false,
      required: true,
    });
    expect(byAction.get("organizations:ListAccounts")).toMatchObject({ ok: false, required: false });
    // The per-account calls are not on that path.
    expect(byAction.get("sso:ListAccountAssignments")).toMatchObject({ ok: true, required: false });
  });

  it("lists every policy action once, after sts:AssumeRole, then the optional extras", async () => {
    env.sandbox.setFaults({ deniedActions: [] });
    const report = await runConnectionChecks(env.options());
    const extras = [
      "sso:DescribeInstance",
      "sso:GetPermissionsBoundaryForPermissionSet",
      "cloudtrail:LookupEvents",
    ];
    expect(report.checks.map((c) => c.action)).toEqual([
      "sts:AssumeRole",
      ...Object.keys(REQUIRED_BY_THE_SYNC),
      ...extras,
    ]);
    expect(report.checks.map((c) => c.required)).toEqual([
      true,
      ...Object.values(REQUIRED_BY_THE_SYNC),
      false,
      false,
      false,
    ]);
  });
});
