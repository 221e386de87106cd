import { describe, expect, it } from "vitest";
import {
  account,
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

import { userNoAccess } from "./user-no-access.js";

describe("user.no_access", () => {
  it("reports ENABLED users without any access row (a group with no assignment gives none)", () => {
    const found = run(userNoAccess, {
      users: [user(1), user(2), user(3, { status: "DISABLED" }), user(4)],
      groups: [group(1), group(2)],
      memberships: [member(1, 1), member(2, 4)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { group: 1 })],
    });
    expect(found.map((f) => f.userId)).toEqual([userId(2), userId(4)]);
    expect(userNoAccess.message(found[0]!)).toBe(
      "user0002@example.com is enabled but has no access to any account",
    );
  });
});
