// Conformance: sign-in activity through each store. A read's latest times land on the users and
// access rows (and only ever move later), the cursor and state are kept per connection, a failure
// in passing keeps what is known, a denial makes it unknown, and the usage summary counts it.
import { beforeEach, expect, it } from "vitest";
import type { ActivityRead } from "../../src/domain/activity.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import {
  account,
  accountId,
  assign,
  connectionValues,
  permissionSet,
  psArn,
  range,
  readResult,
  user,
  userId,
  type World,
} from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const world: World = {
  users: range(1, 4).map((n) => user(n, n === 4 ? { status: "DISABLED" } : {})),
  groups: [],
  memberships: [],
  accounts: [account(1)],
  permissionSets: [permissionSet(1), permissionSet(2)],
  assignments: [
    assign(1, 1, { user: 1 }),
    assign(1, 2, { user: 1 }),
    assign(1, 1, { user: 2 }),
    assign(1, 1, { user: 4 }),
  ],
};

function read(signIns: [number, string][], uses: [number, number, string][]): ActivityRead {
  return {
    status: "read",
    cursor: { latestEventAt: "2026-12-01T00:00:00.000Z", seenEventIds: ["e1"] },
    signIns: signIns.map(([u, at]) => ({ userId: userId(u), at })),
    uses: uses.map(([u, p, at]) => ({
      userId: userId(u),
      accountId: accountId(1),
      permissionSetArn: psArn(p),
      at,
    })),
    stats: { events: 3, malformed: 1, ignored: 0, duplicates: 0, unmatched: 0, from: "x", to: "y" },
  };
}

describeEachDialect("store: sign-in activity", (h) => {
  let store: KyselyStore;
  let clock: FakeClock;
  let orgId: string;
  let connectionId: string;
  let activity: ActivityRead | undefined;
  let cursors: unknown[];

  beforeEach(async () => {
    clock = new FakeClock();
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Activity")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues() })).id;
    cursors = [];
  });

  async function sync(a: ActivityRead | undefined) {
    activity = a;
    const runner = new SyncRunner({
      store,
      now: clock.now,
      read: (_c, _o, _s, context) => {
        cursors.push(context?.activityCursor ?? null);
        const r = readResult(world);
        return Promise.resolve(activity === undefined ? r : { ...r, activity });
      },
    });
    clock.advance(60_000);
    const run = await runner.run(orgId, connectionId);
    expect(run.error).toBeNull();
    return run;
  }

  it("stores the latest times on users and access rows, never moving them back, and hands back the cursor", async () => {
    await sync(read([[1, "2026-11-30T10:00:00.000Z"]], [[1, 1, "2026-11-30T10:01:00.000Z"]]));
    await sync(
      read(
        [
          [1, "2026-11-29T10:00:00.000Z"],
          [2, "2026-11-20T10:00:00.000Z"],
        ],
        [
          [1, 1, "2026-11-01T10:01:00.000Z"],
          [1, 2, "2026-11-28T10:01:00.000Z"],
        ],
      ),
    );
    expect(cursors).toEqual([null, { latestEventAt: "2026-12-01T00:00:00.000Z", seenEventIds: ["e1"] }]);
    const exported = await store.exportConnection(orgId, connectionId);
    expect(exported.users.map((u) => u.lastSignInAt)).toEqual([
      "2026-11-30T10:00:00.000Z",
      "2026-11-20T10:00:00.000Z",
      null,
      null,
    ]);
    expect(exported.access.filter((a) => a.userId === userId(1)).map((a) => a.lastUsedAt)).toEqual([
      "2026-11-30T10:01:00.000Z",
      "2026-11-28T10:01:00.000Z",
    ]);
    const users = await store.listUsers(orgId, { connectionId, sort: "lastSignInAt", order: "desc" });
    expect(users.items.map((u) => u.userId)).toEqual([userId(1), userId(2), userId(4), userId(3)]);
    expect(await store.getActivityState(orgId, connectionId)).toMatchObject({
      state: "available",
      stats: { events: 3, malformed: 1 },
    });
  });

  it("keeps what is known through a passing failure; a denial makes it unavailable", async () => {
    await sync(read([[1, "2026-11-30T10:00:00.000Z"]], []));
    const readAt = (await store.getActivityState(orgId, connectionId)).readAt;
    await sync({ status: "failed", message: "throttled" });
    expect(await store.getActivityState(orgId, connectionId)).toMatchObject({
      state: "available",
      readAt,
      message: "throttled",
      cursor: { latestEventAt: "2026-12-01T00:00:00.000Z" },
    });
    await sync({ status: "denied", message: "denied" });
    expect(await store.getActivityState(orgId, connectionId)).toMatchObject({ state: "denied", readAt });
    expect(
      await store.getUsageSummary(orgId, connectionId, new Date("2026-12-01T00:00:00.000Z")),
    ).toMatchObject({
      state: "denied",
      users: 4,
      activeLast30Days: null,
      seatsHeldByInactive: null,
    });
  });

  it("counts usage: active in 30 and 90 days, never seen, seats of inactive ENABLED users", async () => {
    await sync(
      read(
        [
          [1, "2026-11-30T10:00:00.000Z"],
          [2, "2026-10-01T10:00:00.000Z"],
        ],
        [],
      ),
    );
    const usage = await store.getUsageSummary(orgId, connectionId, new Date("2026-12-01T00:00:00.000Z"));
    expect(usage).toMatchObject({
      state: "available",
      users: 4,
      activeLast30Days: 1,
      activeLast90Days: 2,
      neverSeen: 2,
      // User 3 holds no access; user 4 is DISABLED.
      inactiveUsersWithAccess: 0,
      seatsHeldByInactive: 0,
    });
    const later = await store.getUsageSummary(orgId, connectionId, new Date("2027-01-15T00:00:00.000Z"));
    expect(later).toMatchObject({ activeLast90Days: 1, inactiveUsersWithAccess: 1, seatsHeldByInactive: 1 });
  });

  it("reads nothing and stores nothing when the read did not ask for activity", async () => {
    await sync(undefined);
    expect(await store.getActivityState(orgId, connectionId)).toMatchObject({
      state: "never_read",
      cursor: null,
    });
    expect((await store.getUsageSummary(orgId, connectionId)).activeLast90Days).toBeNull();
  });
});
