import { describe, expect, it } from "vitest";
import {
  account,
  accountId,
  assign,
  permissionSet,
  psArn,
  snapshot,
  user,
  userId,
  type World,
} from "../../../../test/store/fixtures.js";
import { accessKey, type FindingsActivity } from "../../activity.js";
import { buildFindingsContext } from "../context.js";
import { accessUnused } from "./access-unused.js";

const AS_OF = "2026-12-01T00:00:00.000Z";
const ADMIN = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
});
const world: World = {
  users: [user(1), user(2, { status: "DISABLED" })],
  groups: [],
  memberships: [],
  accounts: [account(1), account(2)],
  permissionSets: [permissionSet(1), permissionSet(2, { inlinePolicy: ADMIN })],
  assignments: [
    assign(1, 1, { user: 1 }),
    assign(2, 1, { user: 1 }),
    assign(1, 2, { user: 1 }),
    assign(2, 2, { user: 1 }),
    assign(1, 1, { user: 2 }),
  ],
};
const key = (a: number, p: number) => accessKey(userId(1), accountId(a), psArn(p));

function activity(): FindingsActivity {
  return {
    asOf: AS_OF,
    knownSince: "2026-09-02T00:00:00.000Z",
    lastSignInAt: new Map([[userId(1), "2026-11-30T08:00:00.000Z"]]),
    // (1, 1) used yesterday; (2, 1) last used 120 days ago.
    lastUsedAt: new Map([
      [key(1, 1), "2026-11-30T08:01:00.000Z"],
      [key(2, 1), "2026-08-03T08:01:00.000Z"],
    ]),
    // (2, 2) was granted last week.
    recentGrants: new Set([key(2, 2)]),
    thresholdDays: 90,
  };
}

const run = (a: FindingsActivity | undefined) => [
  ...accessUnused.evaluate(buildFindingsContext(snapshot(world), a)),
];

describe("access.unused", () => {
  it("reports ENABLED users' rows unused within the threshold and not granted within it; admin ones medium", () => {
    const found = run(activity());
    expect(found.map((f) => [f.accountId, f.permissionSetArn, f.severity])).toEqual([
      [accountId(1), psArn(2), "medium"],
      [accountId(2), psArn(1), "low"],
    ]);
    expect(found[1]?.details).toMatchObject({
      lastUsedAt: "2026-08-03T08:01:00.000Z",
      adminEquivalent: false,
    });
    expect(accessUnused.message(found[0]!)).toBe(
      "user0001@example.com has not used PermissionSet2 (admin-equivalent) in Account 1 for 90 days (last use: never in the last 90 days)",
    );
  });

  it("is silent without activity", () => {
    expect(run(undefined)).toEqual([]);
  });
});
