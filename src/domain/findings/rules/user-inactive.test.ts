import { describe, expect, it } from "vitest";
import {
  account,
  assign,
  permissionSet,
  snapshot,
  user,
  userId,
  type World,
} from "../../../../test/store/fixtures.js";
import type { FindingsActivity } from "../../activity.js";
import { buildFindingsContext } from "../context.js";
import { userInactive } from "./user-inactive.js";

const AS_OF = "2026-12-01T00:00:00.000Z";
const world: World = {
  users: [user(1), user(2), user(3), user(4, { status: "DISABLED" }), user(5)],
  groups: [],
  memberships: [],
  accounts: [account(1)],
  permissionSets: [permissionSet(1)],
  // User 5 holds no access.
  assignments: [1, 2, 3, 4].map((u) => assign(1, 1, { user: u })),
};

function activity(over: Partial<FindingsActivity> = {}): FindingsActivity {
  return {
    asOf: AS_OF,
    knownSince: "2026-09-02T00:00:00.000Z",
    // User 1 signed in 10 days ago, user 2 100 days ago (kept from an earlier read), user 3 never.
    lastSignInAt: new Map([
      [userId(1), "2026-11-21T08:00:00.000Z"],
      [userId(2), "2026-08-23T08:00:00.000Z"],
    ]),
    lastUsedAt: new Map(),
    recentGrants: new Set(),
    thresholdDays: 90,
    ...over,
  };
}

const run = (a: FindingsActivity | undefined) => [
  ...userInactive.evaluate(buildFindingsContext(snapshot(world), a)),
];

describe("user.inactive", () => {
  it("reports ENABLED users with access and no sign-in within the threshold, never as a date", () => {
    const found = run(activity());
    expect(found.map((f) => f.userId)).toEqual([userId(2), userId(3)]);
    expect(found[0]).toMatchObject({
      severity: "medium",
      details: { lastSignInAt: "2026-08-23T08:00:00.000Z" },
    });
    expect(userInactive.message(found[1] ?? found[0]!)).toBe(
      "user0003@example.com has not signed in for 90 days (last sign-in: never in the last 90 days) but holds 1 access row",
    );
  });

  it("is silent without activity: no data is not inactivity", () => {
    expect(run(undefined)).toEqual([]);
  });

  it("takes a configured threshold, and stays silent when what is known does not reach back that far", () => {
    expect(run(activity({ thresholdDays: 5 })).map((f) => f.userId)).toEqual([
      userId(1),
      userId(2),
      userId(3),
    ]);
    expect(run(activity({ thresholdDays: 120 }))).toEqual([]);
    expect(
      run(activity({ thresholdDays: 120, knownSince: "2026-07-01T00:00:00.000Z" })).map((f) => f.userId),
    ).toEqual([userId(3)]);
  });
});
