import { describe, expect, it } from "vitest";
import {
  account,
  accountId,
  assign,
  group,
  member,
  permissionSet,
  user,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { accountInactiveWithAccess } from "./account-inactive-with-access.js";

describe("account.inactive_with_access", () => {
  it("reports SUSPENDED, PENDING_CLOSURE and CLOSED accounts that still grant access", () => {
    const found = run(accountInactiveWithAccess, {
      users: [user(1), user(2)],
      groups: [group(1)],
      memberships: [member(1, 1), member(1, 2)],
      accounts: [
        account(1, { status: "SUSPENDED" }),
        account(2, { status: "pending_closure" }),
        account(3, { status: "ACTIVE" }),
        account(4, { status: "SUSPENDED" }),
        account(5, { status: "CLOSED" }),
      ],
      permissionSets: [permissionSet(1), permissionSet(2)],
      assignments: [
        assign(1, 1, { group: 1 }),
        assign(1, 2, { user: 1 }),
        assign(2, 1, { user: 2 }),
        assign(3, 1, { group: 1 }),
        assign(5, 1, { user: 1 }),
      ],
    });
    expect(found.map((f) => [f.accountId, f.details])).toEqual([
      [accountId(1), { status: "SUSPENDED", users: 2, accessRows: 3 }],
      [accountId(2), { status: "PENDING_CLOSURE", users: 1, accessRows: 1 }],
      [accountId(5), { status: "CLOSED", users: 1, accessRows: 1 }],
    ]);
    expect(accountInactiveWithAccess.message(found[0]!)).toBe(
      "Account Account 1 is SUSPENDED but 2 users still hold 3 access rows on it",
    );
  });
});
