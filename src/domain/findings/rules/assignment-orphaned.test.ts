import { describe, expect, it } from "vitest";
import {
  account,
  assign,
  group,
  groupId,
  permissionSet,
  user,
  userId,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { assignmentOrphaned } from "./assignment-orphaned.js";

describe("assignment.orphaned", () => {
  it("reports assignments to users or groups that no longer exist", () => {
    const found = run(assignmentOrphaned, {
      users: [user(1)],
      groups: [group(1)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [
        assign(1, 1, { user: 1 }),
        assign(1, 1, { user: 9 }),
        assign(1, 1, { group: 8 }),
        assign(1, 1, { group: 1 }),
      ],
    });
    expect(found.map((f) => [f.userId, f.groupId, f.severity])).toEqual([
      [null, groupId(8), "medium"],
      [userId(9), null, "medium"],
    ]);
    expect(assignmentOrphaned.message(found[1]!)).toBe(
      `PermissionSet1 on Account 1 is assigned to user ${userId(9)}, which no longer exists`,
    );
  });
});
