import { describe, expect, it } from "vitest";
import {
  account,
  assign,
  permissionSet,
  psArn,
  user,
  snapshot,
  type World,
} from "../../../../test/store/fixtures.js";
import { buildFindingsContext } from "../context.js";
import type { FindingRule } from "../rule.js";

const run = (rule: FindingRule, world: World) => [...rule.evaluate(buildFindingsContext(snapshot(world)))];

import { permissionSetUnused } from "./permission-set-unused.js";

describe("permission_set.unused", () => {
  it("reports permission sets with no live assignment (an orphaned one does not count)", () => {
    const found = run(permissionSetUnused, {
      users: [user(1)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1), permissionSet(2), permissionSet(3)],
      assignments: [assign(1, 1, { user: 1 }), assign(1, 2, { user: 9 })],
    });
    expect(found.map((f) => f.permissionSetArn)).toEqual([psArn(2), psArn(3)]);
    expect(permissionSetUnused.message(found[0]!)).toBe(
      "Permission set PermissionSet2 is not assigned to anyone in any account",
    );
  });
});
