// Conformance: sign-in activity through each store. A read's latest times land on the users and
// access rows (and only ever move later), the cursor and state are kept per connection, a failure
// in passing keeps what is known, a denial makes it unknown, and the usage summary counts it.
import { beforeEach, expect, it } from "vitest";
import type { ActivityCursor, ActivityRead } from "../../src/domain/activity.js";
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

const CURSOR: ActivityCursor = cursorReaching("2026-09-01T00:00:00.000Z", true);

/** A cursor whose every event name is read from `lo` to 2026-12-01. */
function cursorReaching(lo: string, backfilled: boolean): ActivityCursor {
  const coverage = { lo, loSeen: [], hi: "2026-12-01T00:00:00.000Z", hiSeen: ["e1"], backfilled };
  return {
    version: 2,
    lookups: { Authenticate: coverage, UserAuthentication: coverage, Federate: coverage },
  };
}

function read(
  signIns: [number, string][],
  uses: [number, number, string][],
  cursor: ActivityCursor = CURSOR,
): ActivityRead {
  return {
    status: "read",
    cursor,
    signIns: signIns.map(([u, at]) => ({ userId: userId(u), at })),
    uses: uses.map(([u, p, at]) => ({
      userId: userId(u),
      accountId: accountId(1),
      permissionSetArn: psArn(p),
      at,
    })),
    stats: {
      events: 3,
      malformed: 1,
      ignored: 0,
      duplicates: 0,
      unmatched: 0,
      calls: 3,
      from: "x",
      to: "y",
      pending: !Object.values(cursor.lookups).every((c) => c.backfilled),
    },
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
    expect(cursors).toEqual([null, CURSOR]);
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
      cursor: CURSOR,
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
  it("gives no count that needs a longer look back than the history read so far", async () => {
    await sync(
      read([[1, "2026-11-30T10:00:00.000Z"]], [], cursorReaching("2026-11-20T00:00:00.000Z", false)),
    );
    const usage = await store.getUsageSummary(orgId, connectionId, new Date("2026-12-01T00:00:00.000Z"));
    expect(usage).toMatchObject({
      state: "available",
      knownSince: "2026-11-20T00:00:00.000Z",
      backfilled: false,
      activeLast30Days: null,
      activeLast90Days: null,
      neverSeen: null,
      seatsHeldByInactive: null,
    });
    // The store may hold other tests' connections: this one is among the pending.
    expect(await store.listPendingActivity("2026-12-01T00:00:00.000Z")).toContainEqual({
      orgId,
      connectionId,
    });
    await sync(read([], [], cursorReaching("2026-10-20T00:00:00.000Z", false)));
    expect(
      await store.getUsageSummary(orgId, connectionId, new Date("2026-12-01T00:00:00.000Z")),
    ).toMatchObject({ activeLast30Days: 1, activeLast90Days: null });
  });

  it("lets one reader at a time hold a connection's activity, and writes only the holder's read", async () => {
    const lease = (holder: string, now: string, until: string) =>
      store.claimActivity(orgId, connectionId, { holder, now, until });
    expect(await lease("a", "2026-12-01T00:00:00.000Z", "2026-12-01T00:01:00.000Z")).toBe(true);
    expect(await lease("b", "2026-12-01T00:00:30.000Z", "2026-12-01T00:01:30.000Z")).toBe(false);
    expect(await store.renewActivity(connectionId, "a", "2026-12-01T00:02:00.000Z")).toBe(true);
    expect(await lease("b", "2026-12-01T00:01:30.000Z", "2026-12-01T00:02:30.000Z")).toBe(false);
    // Run out: another takes it, and the first one's read is not written.
    expect(await lease("b", "2026-12-01T00:02:01.000Z", "2026-12-01T00:03:00.000Z")).toBe(true);
    expect(await store.renewActivity(connectionId, "a", "2026-12-01T00:04:00.000Z")).toBe(false);
    const late = read([[1, "2026-11-30T10:00:00.000Z"]], []);
    expect(await store.commitActivity(orgId, connectionId, "a", "2026-12-01T00:02:10.000Z", late)).toBe(
      false,
    );
    expect((await store.getActivityState(orgId, connectionId)).state).toBe("never_read");
    // The holder's commit writes and lets go.
    expect(await store.commitActivity(orgId, connectionId, "b", "2026-12-01T00:02:20.000Z", late)).toBe(true);
    expect(await store.getActivityState(orgId, connectionId)).toMatchObject({
      state: "available",
      cursor: CURSOR,
    });
    expect(await lease("c", "2026-12-01T00:02:30.000Z", "2026-12-01T00:03:30.000Z")).toBe(true);
    await store.releaseActivity(connectionId, "c");
    expect(await lease("d", "2026-12-01T00:02:31.000Z", "2026-12-01T00:03:31.000Z")).toBe(true);
    // Not pending: its history is read to the horizon.
    await store.releaseActivity(connectionId, "d");
    expect(await store.listPendingActivity("2026-12-01T00:03:00.000Z")).not.toContainEqual({
      orgId,
      connectionId,
    });
  });
});
