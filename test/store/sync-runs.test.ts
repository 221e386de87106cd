// Conformance: one run per connection at a time (enforced by the database, across processes),
// and recovery of a run whose process died.
import { expect, it } from "vitest";
import { ConflictError } from "../../src/domain/errors.js";
import type { ReadResult } from "../../src/domain/model.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { connectionValues, readResult, user } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const stats = { callsByAction: {}, retries: 0, throttles: 0, durationMs: 1 };

describeEachDialect("store: sync runs", (h) => {
  async function setup() {
    const clock = new FakeClock();
    const a = await h.open({ now: clock.now });
    const b = await h.open({ now: clock.now });
    const org = await a.createOrganization("Runs");
    const conn = await a.createConnection(org.id, { values: connectionValues() });
    return { clock, a, b, orgId: org.id, connectionId: conn.id };
  }

  it("refuses a second claim of a connection, also from another process, until the first ends", async () => {
    const { a, b, orgId, connectionId } = await setup();
    const run = await a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
    expect(run.state).toBe("running");
    expect(await a.getConnection(orgId, connectionId)).toMatchObject({ state: "syncing", lastRunId: run.id });
    await expect(b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 })).rejects.toThrow(/already running/);
    const results = await Promise.allSettled([
      b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 }),
      a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 }),
    ]);
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    await a.finishSyncRun(run.id, {
      state: "failed",
      at: new Date().toISOString(),
      error: { code: "x", message: "stopped", action: null },
    });
    const next = await b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
    expect(next.id).not.toBe(run.id);
  });

  it("lets exactly one of two simultaneous claims win", async () => {
    const { a, b, orgId, connectionId } = await setup();
    const results = await Promise.allSettled([
      a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 }),
      b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected");
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
  });

  it("refuses a second sync while one is running, with a clear ConflictError", async () => {
    const { a, orgId, connectionId } = await setup();
    let release!: (r: ReadResult) => void;
    let started!: () => void;
    const reading = new Promise<void>((resolve) => (started = resolve));
    const runner = new SyncRunner({
      store: a,
      read: () => {
        started();
        return new Promise<ReadResult>((resolve) => (release = resolve));
      },
    });
    const first = runner.run(orgId, connectionId);
    await reading;
    await expect(runner.run(orgId, connectionId)).rejects.toThrow(/already running.*wait for it to finish/);
    release(readResult({ users: [user(1)] }));
    expect((await first).state).toBe("succeeded");
  });

  it("tells onClaimed the claimed run before it reads AWS, and not at all when the claim fails", async () => {
    const { a, orgId, connectionId } = await setup();
    const events: string[] = [];
    const runner = new SyncRunner({
      store: a,
      read: () => {
        events.push("read");
        return Promise.resolve(readResult({ users: [user(1)] }));
      },
    });
    const run = await runner.run(orgId, connectionId, {
      onClaimed: (claimed) => events.push(`claimed ${claimed.id} ${claimed.state}`),
    });
    expect(events).toEqual([`claimed ${run.id} running`, "read"]);

    await a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
    const refused: string[] = [];
    await expect(
      runner.run(orgId, connectionId, { onClaimed: () => refused.push("claimed") }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(refused).toEqual([]);
  });

  it("takes over a run whose process died once its lease has passed, and refuses the dead run's commit", async () => {
    const { clock, a, b, orgId, connectionId } = await setup();
    const dead = await a.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
    clock.advance(30_000);
    await expect(b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await a.renewSyncRun(dead.id, 60_000)).toBe(true);
    clock.advance(61_000);
    const fresh = await b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
    const old = await b.getSyncRun(orgId, dead.id);
    expect(old).toMatchObject({ state: "failed", error: { code: "sync_abandoned" } });
    expect(old.finishedAt).not.toBeNull();
    expect(await a.renewSyncRun(dead.id, 60_000)).toBe(false);
    const commit = a.commitSyncRun(dead.id, {
      at: clock.now().toISOString(),
      forced: false,
      counts: {
        users: 0,
        groups: 0,
        memberships: 0,
        accounts: 0,
        permissionSets: 0,
        assignments: 0,
        access: 0,
        orphanedAssignments: 0,
        usersDeleted: 0,
        changes: 0,
      },
      stats,
      warnings: [],
      writes: {
        users: [],
        groups: { upsert: [], remove: [] },
        memberships: { add: [], remove: [] },
        accounts: { upsert: [], remove: [] },
        permissionSets: { upsert: [], remove: [] },
        assignments: { add: [], remove: [] },
        access: { upsert: [], remove: [] },
        userNames: new Map(),
        renamedUsers: [],
      },
      changes: [],
    });
    await expect(commit).rejects.toThrow(/no longer running/);
    expect((await a.getSyncRun(orgId, fresh.id)).state).toBe("running");
    expect(await a.getConnection(orgId, connectionId)).toMatchObject({
      state: "syncing",
      lastRunId: fresh.id,
    });
  });

  it("recovers stale runs on request and shows the connection's error", async () => {
    const { clock, a, orgId, connectionId } = await setup();
    await a.claimSyncRun(orgId, connectionId, { leaseMs: 1_000 });
    expect(await a.recoverStaleRuns()).toBe(0);
    clock.advance(2_000);
    expect(await a.recoverStaleRuns()).toBe(1);
    expect(await a.getConnection(orgId, connectionId)).toMatchObject({
      state: "error",
      lastError: { code: "sync_abandoned" },
      lastRunState: "failed",
    });
  });

  it("stops a run whose lease was taken over and records it failed", async () => {
    const { clock, a, b, orgId, connectionId } = await setup();
    let taken!: () => void;
    const takenOver = new Promise<void>((resolve) => (taken = resolve));
    const runner = new SyncRunner({
      store: a,
      now: clock.now,
      leaseMs: 30,
      read: async (_c, _o, signal) => {
        clock.advance(60_000);
        await b.claimSyncRun(orgId, connectionId, { leaseMs: 60_000 });
        taken();
        // Wait until the heartbeat notices the lost claim and aborts the read.
        await new Promise<void>((resolve) =>
          signal.addEventListener("abort", () => resolve(), { once: true }),
        );
        signal.throwIfAborted();
        return readResult({ users: [user(1)] });
      },
    });
    const run = await runner.run(orgId, connectionId);
    await takenOver;
    expect(run).toMatchObject({ state: "failed", error: { code: "sync_abandoned" } });
    expect((await a.exportConnection(orgId, connectionId)).users).toEqual([]);
  });
});
