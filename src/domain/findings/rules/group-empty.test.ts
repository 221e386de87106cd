import { describe, expect, it } from "vitest";
import {
  account,
  assign,
  group,
  groupId,
  member,
  permissionSet,
  user,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { groupEmpty } from "./group-empty.js";

describe("group.empty", () => {
  it("reports groups without members, and whether they still have assignments", () => {
    const found = run(groupEmpty, {
      users: [user(1)],
      groups: [group(1), group(2, { displayName: "Ghosts" }), group(3)],
      // A membership of a user who is gone does not count.
      memberships: [member(1, 1), member(3, 9)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { group: 2 })],
    });
    expect(found.map((f) => [f.groupId, f.details])).toEqual([
      [groupId(2), { assignments: 1 }],
      [groupId(3), { assignments: 0 }],
    ]);
    expect(groupEmpty.message(found[0]!)).toBe(
      "Group Ghosts has no members but still has 1 assignment: whoever is added gets them",
    );
    expect(groupEmpty.message(found[1]!)).toBe("Group Group 3 has no members");
  });
});
