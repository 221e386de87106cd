import { describe, expect, it } from "vitest";
import { permissionSet, psArn, snapshot, type World } from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];
const ADMIN = ["arn:aws:iam::aws:policy/AdministratorAccess"];

import { permissionSetIamEscalation } from "./permission-set-iam-escalation.js";

describe("permission_set.iam_escalation", () => {
  it("reports known escalations high and unreadable policies low, never as safe", () => {
    const found = run(permissionSetIamEscalation, {
      users: [],
      permissionSets: [
        permissionSet(1, {
          inlinePolicy: JSON.stringify({
            Statement: [
              { Effect: "Allow", Action: ["iam:PassRole", "IAM:CREATEROLE", "lambda:*"], Resource: "*" },
            ],
          }),
        }),
        permissionSet(2, { customerManagedPolicies: [{ name: "Deployer", path: "/ci/" }] }),
        permissionSet(3, { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }),
        permissionSet(4, { managedPolicies: ADMIN }),
      ],
    });
    expect(found.map((f) => [f.permissionSetArn, f.severity, f.details.verdict])).toEqual([
      [psArn(1), "high", "escalation"],
      [psArn(2), "low", "unknown"],
    ]);
    expect(permissionSetIamEscalation.message(found[0]!)).toBe(
      "Permission set PermissionSet1 can change IAM: iam:CreateRole, iam:PassRole (inline statement #1)",
    );
    expect(permissionSetIamEscalation.message(found[1]!)).toBe(
      "Permission set PermissionSet2 has customer-managed policies idc-sync cannot read (/ci/Deployer): unknown, review whether they can change IAM",
    );
  });
});
