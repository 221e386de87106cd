import { describe, expect, it } from "vitest";
import {
  account,
  accountId,
  assign,
  group,
  groupId,
  member,
  permissionSet,
  psArn,
  user,
  userId,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];
const ADMIN = ["arn:aws:iam::aws:policy/AdministratorAccess"];

import { accessAdmin } from "./access-admin.js";

describe("access.admin", () => {
  const world = (): World => ({
    users: [user(1), user(2, { status: "DISABLED" }), user(3)],
    groups: [group(1, { displayName: "Admins" }), group(2)],
    memberships: [member(1, 1), member(1, 2), member(2, 3)],
    accounts: [account(1), account(2)],
    permissionSets: [permissionSet(1, { managedPolicies: ADMIN }), permissionSet(2)],
    assignments: [assign(1, 1, { group: 1 }), assign(1, 1, { user: 1 }), assign(2, 2, { group: 2 })],
  });

  it("reports each live user, account and admin-equivalent permission set once, with every path", () => {
    const found = run(accessAdmin, world());
    expect(found.map((f) => f.subject.id)).toEqual([
      `${userId(1)}|${accountId(1)}|${psArn(1)}`,
      `${userId(2)}|${accountId(1)}|${psArn(1)}`,
    ]);
    expect(found[0]).toMatchObject({
      rule: "access.admin",
      severity: "high",
      userId: userId(1),
      accountId: accountId(1),
      permissionSetArn: psArn(1),
      groupId: null,
      details: {
        userStatus: "ENABLED",
        via: [{ type: "DIRECT" }, { type: "GROUP", groupId: groupId(1), groupName: "Admins" }],
      },
    });
    expect(accessAdmin.message(found[1]!)).toBe(
      "user0002@example.com can act as administrator in Account 1 through PermissionSet1 (group Admins) (user is DISABLED)",
    );
  });

  it("keeps the same id across evaluations and reports nothing without admin-equivalent sets", () => {
    expect(run(accessAdmin, world())[0]?.id).toBe(run(accessAdmin, world())[0]?.id);
    const w = world();
    w.permissionSets = [permissionSet(1), permissionSet(2)];
    expect(run(accessAdmin, w)).toEqual([]);
  });
});
