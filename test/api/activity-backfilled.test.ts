// The service reads the rest of a connection's sign-in history in the background after its first
// sync (which reads CloudTrail only while its identity read lasts), and once the 90 days are read it
// starts a sync of its own, so the inactivity findings come now rather than at the next schedule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, connectAndSync, settled, startWorld, type World } from "./harness.js";

let world: World;

beforeAll(async () => {
  world = await startWorld({ users: 30, groups: 5, accounts: 4, seed: 9 }, false, undefined, undefined, {
    syncWhenBackfilled: true,
  });
});
afterAll(async () => {
  await world.close();
});

describe("the sign-in history's backfill in the service", () => {
  it("reads the 90 days after the first sync, then syncs again and raises the inactivity findings", async () => {
    // CloudTrail at its own pace: the first sync's identity read ends before the history is read.
    world.sandbox.setFaults({ rateLimits: { cloudtrail: 2 } });
    let conn: string;
    try {
      conn = await connectAndSync(world, world.tokenA, "History");
    } finally {
      world.sandbox.setFaults({ rateLimits: false });
    }
    // Registered before the background turns can have read anything (they wait on the sandbox).
    const next = settled(world, conn);
    const first = await world.store.getUsageSummary(world.orgA, conn);
    expect(first).toMatchObject({ state: "available", backfilled: false, neverSeen: null });
    const none = await call(world, "GET", `/api/findings?connectionId=${conn}&rule=user.inactive`);
    expect((none.body as { items: unknown[] }).items).toEqual([]);

    expect(await next).toBeUndefined();
    const usage = await world.store.getUsageSummary(world.orgA, conn);
    expect(usage).toMatchObject({ state: "available", backfilled: true });
    expect(usage.neverSeen).not.toBeNull();
    const runs = await world.store.listSyncRuns(world.orgA, conn);
    expect(runs.items.filter((r) => r.state === "succeeded")).toHaveLength(2);
    const found = await call(world, "GET", `/api/findings?connectionId=${conn}&rule=user.inactive`);
    expect(found.status).toBe(200);
    expect((found.body as { items: unknown[] }).items.length).toBe(usage.inactiveUsersWithAccess);
    expect(usage.inactiveUsersWithAccess).toBeGreaterThan(0);
  });
});
