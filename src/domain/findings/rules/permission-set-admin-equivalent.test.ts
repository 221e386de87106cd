import { describe, expect, it } from "vitest";
import { permissionSet, psArn, snapshot, type World } from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];
const ADMIN = ["arn:aws:iam::aws:policy/AdministratorAccess"];

import { permissionSetAdminEquivalent } from "./permission-set-admin-equivalent.js";

describe("permission_set.admin_equivalent", () => {
  it("reports admin-equivalent permission sets with the grant and any boundary", () => {
    const found = run(permissionSetAdminEquivalent, {
      users: [],
      permissionSets: [
        permissionSet(1, { managedPolicies: ADMIN }),
        permissionSet(2, {
          inlinePolicy: JSON.stringify({
            Statement: [{ Sid: "All", Effect: "Allow", Action: "*:*", Resource: "*" }],
          }),
          permissionsBoundary: {
            type: "MANAGED",
            managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
          },
        }),
        permissionSet(3, { managedPolicies: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }),
      ],
    });
    expect(found.map((f) => f.permissionSetArn)).toEqual([psArn(1), psArn(2)]);
    expect(permissionSetAdminEquivalent.message(found[0]!)).toBe(
      "Permission set PermissionSet1 grants administrator rights (AdministratorAccess)",
    );
    expect(permissionSetAdminEquivalent.message(found[1]!)).toBe(
      'Permission set PermissionSet2 grants administrator rights (inline statement "All"); a permissions boundary is set and may limit it (not evaluated)',
    );
    expect(found[1]?.details.sources).toEqual([
      {
        type: "INLINE",
        statementIndex: 0,
        sid: "All",
        statement: { Sid: "All", Effect: "Allow", Action: "*:*", Resource: "*" },
      },
    ]);
  });
});
