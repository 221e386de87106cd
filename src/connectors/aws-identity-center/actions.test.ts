import { describe, expect, it } from "vitest";
import { THE_20_ACTIONS } from "../../../test/fixtures/policy-actions.js";
import {
  IAM_ACTIONS,
  OPTIONAL_EXTRA_ACTIONS,
  POLICY_ACTIONS,
  actionForCommand,
  iamActionInfo,
  isIamAction,
  quotaBucketOf,
} from "./actions.js";
import { roleSessionName } from "./session-name.js";

describe("action catalogue", () => {
  it("holds exactly the 20 policy actions, each once, none optional", () => {
    expect(POLICY_ACTIONS).toHaveLength(20);
    expect(new Set(POLICY_ACTIONS).size).toBe(20);
    const byService = (p: string) => POLICY_ACTIONS.filter((a) => a.startsWith(`${p}:`)).length;
    expect([byService("identitystore"), byService("sso"), byService("organizations")]).toEqual([6, 10, 4]);
    for (const extra of OPTIONAL_EXTRA_ACTIONS) expect(POLICY_ACTIONS).not.toContain(extra);
    expect([...POLICY_ACTIONS].sort()).toEqual([...THE_20_ACTIONS].sort());
  });

  it("is one table: the 20, the optional extras the sync uses, and sts:AssumeRole of the trust policy", () => {
    expect(Object.keys(IAM_ACTIONS).sort()).toEqual(
      [...POLICY_ACTIONS, ...OPTIONAL_EXTRA_ACTIONS, "sts:AssumeRole"].sort(),
    );
    expect(OPTIONAL_EXTRA_ACTIONS).toEqual([
      "sso:DescribeInstance",
      "sso:GetPermissionsBoundaryForPermissionSet",
      "cloudtrail:LookupEvents",
    ]);
    expect(isIamAction("sso:ListInstances")).toBe(true);
    expect(isIamAction("s3:GetObject")).toBe(false);
    expect(iamActionInfo("toString")).toBeUndefined();
    expect(iamActionInfo("organizations:ListTagsForResource")).toMatchObject({
      grant: "permission-policy",
      role: "optional",
      feeds: ["accountDetails"],
    });
  });

  it("maps SDK commands to IAM actions", () => {
    expect(actionForCommand("identitystore", "ListUsersCommand")).toBe("identitystore:ListUsers");
    expect(actionForCommand("SSO Admin", "ListInstancesCommand")).toBe("sso:ListInstances");
    expect(actionForCommand("sso-admin", "DescribeInstance")).toBe("sso:DescribeInstance");
    expect(actionForCommand("Organizations", "ListTagsForResourceCommand")).toBe(
      "organizations:ListTagsForResource",
    );
    expect(actionForCommand("STS", "AssumeRoleCommand")).toBe("sts:AssumeRole");
    expect(() => actionForCommand("S3", "GetObjectCommand")).toThrow(/unknown AWS service/);
  });

  it("puts identitystore actions in buckets of their own and the rest per service", () => {
    expect(quotaBucketOf("identitystore:ListUsers")).toBe("identitystore:ListUsers");
    expect(quotaBucketOf("identitystore:ListGroups")).toBe("identitystore:ListGroups");
    expect(quotaBucketOf("sso:ListInstances")).toBe("sso");
    expect(quotaBucketOf("sso:ListAccountAssignments")).toBe("sso");
    expect(quotaBucketOf("organizations:ListAccounts")).toBe("organizations");
    expect(quotaBucketOf("sts:AssumeRole")).toBe("sts");
    expect(quotaBucketOf("cloudtrail:LookupEvents")).toBe("cloudtrail");
    expect(actionForCommand("CloudTrail", "LookupEventsCommand")).toBe("cloudtrail:LookupEvents");
  });
});

describe("roleSessionName", () => {
  it("prefixes the connection id", () => {
    expect(roleSessionName("conn_01HZX")).toBe("idc-sync-conn_01HZX");
  });

  it("replaces characters STS refuses and is deterministic", () => {
    const name = roleSessionName("my connection/é#1");
    expect(name).toBe("idc-sync-my-connection---1");
    expect(roleSessionName("my connection/é#1")).toBe(name);
  });

  it("stays within 2-64 characters of [\\w+=,.@-]", () => {
    for (const id of ["", " ", "x".repeat(200), "a+b=c,d.e@f-g", "ünïcødé💥".repeat(20)]) {
      const name = roleSessionName(id);
      expect(name.length).toBeGreaterThanOrEqual(2);
      expect(name.length).toBeLessThanOrEqual(64);
      expect(name).toMatch(/^idc-sync-[\w+=,.@-]+$/);
    }
    expect(roleSessionName("x".repeat(200))).toBe(`idc-sync-${"x".repeat(55)}`);
  });
});
