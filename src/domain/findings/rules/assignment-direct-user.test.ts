import { describe, expect, it } from "vitest";
import {
  account,
  accountId,
  assign,
  group,
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

import { assignmentDirectUser } from "./assignment-direct-user.js";

describe("assignment.direct_user", () => {
  it("reports live USER assignments, not group or orphaned ones", () => {
    const found = run(assignmentDirectUser, {
      users: [user(1)],
      groups: [group(1)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { user: 1 }), assign(1, 1, { user: 9 }), assign(1, 1, { group: 1 })],
    });
    expect(found.map((f) => f.subject.id)).toEqual([`${accountId(1)}|${psArn(1)}|USER|${userId(1)}`]);
    expect(found[0]).toMatchObject({
      severity: "low",
      userId: userId(1),
      accountId: accountId(1),
      permissionSetArn: psArn(1),
    });
    expect(assignmentDirectUser.message(found[0]!)).toBe(
      "user0001@example.com is assigned PermissionSet1 on Account 1 directly, not through a group",
    );
  });
});
