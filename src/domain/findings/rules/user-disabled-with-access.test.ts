import { describe, expect, it } from "vitest";
import {
  account,
  accountId,
  assign,
  group,
  member,
  permissionSet,
  user,
  userId,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { userDisabledWithAccess } from "./user-disabled-with-access.js";

describe("user.disabled_with_access", () => {
  it("reports DISABLED users with access rows, with their accounts", () => {
    const found = run(userDisabledWithAccess, {
      users: [user(1, { status: "DISABLED" }), user(2, { status: "DISABLED" }), user(3)],
      groups: [group(1)],
      memberships: [member(1, 1), member(1, 3)],
      accounts: [account(1), account(2)],
      permissionSets: [permissionSet(1), permissionSet(2)],
      assignments: [assign(1, 1, { group: 1 }), assign(2, 2, { user: 1 })],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      subject: { type: "user", id: userId(1), name: "user0001@example.com" },
      userId: userId(1),
      severity: "high",
      details: {
        accessRows: 2,
        permissionSets: 2,
        accounts: [
          { accountId: accountId(1), accountName: "Account 1" },
          { accountId: accountId(2), accountName: "Account 2" },
        ],
      },
    });
    expect(userDisabledWithAccess.message(found[0]!)).toBe(
      "user0001@example.com is DISABLED but still holds 2 access rows in 2 accounts",
    );
  });
});
