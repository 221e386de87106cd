// The embedded scheduler through the API: interval syncs, sync now, one run per connection at a
// time (409), and a stop (what SIGTERM does) that leaves nothing half-committed. Reads are held
// at a gate the test opens; time moves only through the manual timer.
import { afterEach, describe, expect, it } from "vitest";
import {
  connectionSchema,
  errorBodySchema,
  syncNowResponse,
  syncRunListResponse,
} from "../../src/http/api-contract.js";
import { ConflictError } from "../../src/domain/errors.js";
import { applyMutations } from "../../src/sandbox/index.js";
import {
  call,
  connectAndSync,
  connectBody,
  sandboxValues,
  settled,
  startWorld,
  type World,
} from "./harness.js";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function runsOf(w: World, conn: string) {
  const res = await call(w, "GET", `/api/connections/${conn}/runs`);
  return syncRunListResponse.parse(res.body).items;
}

describe("scheduled and manual syncs", () => {
  it("syncs again when the interval has passed, not before", async () => {
    world = await startWorld();
    const w = world;
    const conn = await connectAndSync(w, w.tokenA, "Interval");
    await call(w, "PATCH", `/api/connections/${conn}`, { body: { scheduleMinutes: 30 } });
    w.timer.advance(30 * 60_000 - 1);
    expect(w.app.scheduler.isRunning(conn)).toBe(false);
    const done = settled(w, conn);
    w.timer.advance(1);
    expect(w.app.scheduler.isRunning(conn)).toBe(true);
    expect(await done).toBeUndefined();
    expect((await runsOf(w, conn)).map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
  });

  it("runs one sync per connection at a time: a second request is a 409 that says why", async () => {
    world = await startWorld();
    const w = world;
    const conn = await connectAndSync(w, w.tokenA, "Busy");
    w.gate.hold();
    const parked = w.gate.waiting();
    const first = await call(w, "POST", `/api/connections/${conn}/sync`);
    expect(first.status).toBe(202);
    const started = syncNowResponse.parse(first.body);
    expect(started.connection.state).toBe("syncing");
    expect(started.runId).not.toBeNull();
    await parked;

    const second = await call(w, "POST", `/api/connections/${conn}/sync`, { body: { force: true } });
    expect(second.status).toBe(409);
    const err = errorBodySchema.parse(second.body);
    expect(err.error.code).toBe("conflict");
    expect(err.error.message).toMatch(/already running/);
    // The store's claim refuses a second run too (another process, e.g. `idc-sync sync`).
    await expect(w.app.runner.run(w.orgA, conn)).rejects.toBeInstanceOf(ConflictError);

    const done = settled(w, conn);
    w.gate.release();
    expect(await done).toBeUndefined();
    const after = connectionSchema.parse((await call(w, "GET", `/api/connections/${conn}`)).body);
    expect(after.state).toBe("connected");
    expect(after.lastRunId).toBe(started.runId);
    const again = await call(w, "POST", `/api/connections/${conn}/sync`);
    expect(again.status).toBe(202);
    await settled(w, conn);
  });

  it("picks up a connection another process stored once the schedule is refreshed", async () => {
    world = await startWorld();
    const w = world;
    const c = await w.store.createConnection(w.orgA, {
      values: sandboxValues(w.sandbox),
      endpointUrl: w.sandbox.url,
    });
    expect(w.app.scheduler.nextSyncAt(c.id)).toBeNull();
    await w.app.refreshSchedule();
    const done = settled(w, c.id);
    w.timer.advance(0);
    expect(await done).toBeUndefined();
    expect((await w.store.getConnection(w.orgA, c.id)).state).toBe("connected");
    await w.store.deleteConnection(w.orgA, c.id);
    await w.app.refreshSchedule();
    expect(w.app.scheduler.nextSyncAt(c.id)).toBeNull();
  });

  it("disconnecting stops the connection's schedule and deletes its data", async () => {
    world = await startWorld();
    const w = world;
    const conn = await connectAndSync(w, w.tokenA, "Gone soon");
    const res = await call(w, "DELETE", `/api/connections/${conn}`);
    expect(res.status).toBe(204);
    expect(w.app.scheduler.nextSyncAt(conn)).toBeNull();
    expect((await call(w, "GET", `/api/connections/${conn}`)).status).toBe(404);
    const users = await call(w, "GET", "/api/users");
    expect((users.body as { items: unknown[] }).items).toEqual([]);
  });
});

describe("stopping (SIGTERM)", () => {
  it("aborts a running first sync: no users stored, the run recorded as stopped, nothing left syncing", async () => {
    world = await startWorld();
    const w = world;
    w.gate.hold();
    const created = await call(w, "POST", "/api/connections", { body: connectBody(w.sandbox) });
    const conn = (created.body as { id: string }).id;
    const parked = w.gate.waiting();
    w.timer.advance(0);
    await parked;
    expect(w.app.scheduler.isRunning(conn)).toBe(true);

    await w.app.close();

    const page = await w.store.listUsers(w.orgA, { connectionId: conn });
    expect(page.counts.total).toBe(0);
    const runs = await w.store.listSyncRuns(w.orgA, conn);
    expect(runs.items.map((r) => [r.state, r.error?.code])).toEqual([["failed", "aborted"]]);
    const c = await w.store.getConnection(w.orgA, conn);
    expect(c.state).not.toBe("syncing");
    expect(c.lastSyncedAt).toBeNull();
  });

  it("aborts a later sync: the state of the previous sync stays as it was", async () => {
    world = await startWorld();
    const w = world;
    const conn = await connectAndSync(w, w.tokenA, "Stable");
    const victim = w.sandbox.world.users.find((u) => u.UserStatus !== "DISABLED");
    applyMutations(w.sandbox.world, [
      { op: "setUserStatus", userId: victim?.UserId ?? "", status: "DISABLED" },
    ]);
    const before = await w.store.exportConnection(w.orgA, conn);
    w.timer.advance(60_000);
    w.gate.hold();
    const parked = w.gate.waiting();
    expect((await call(w, "POST", `/api/connections/${conn}/sync`)).status).toBe(202);
    await parked;

    await w.app.close();

    expect(await w.store.exportConnection(w.orgA, conn)).toEqual(before);
    const changes = await w.store.listChanges(w.orgA, { connectionId: conn, kinds: ["user.disabled"] });
    expect(changes.items).toEqual([]);
    const runs = await w.store.listSyncRuns(w.orgA, conn);
    expect(runs.items.map((r) => r.state)).toEqual(["failed", "succeeded"]);
    expect((await w.store.getConnection(w.orgA, conn)).state).not.toBe("syncing");
  });
});
