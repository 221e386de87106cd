import { describe, expect, it } from "vitest";
import { ConflictError } from "../domain/errors.js";
import { Scheduler, type RunRequest, type ScheduleEntry } from "./scheduler.js";
import { ManualTimer } from "./timer.js";

interface HeldRun {
  connectionId: string;
  request: RunRequest;
  finish: () => void;
  fail: (err: Error) => void;
}

/** A runSync whose runs stay open until the test finishes them; aborting one fails it. */
function heldRuns() {
  const runs: HeldRun[] = [];
  const runSync = (e: ScheduleEntry, request: RunRequest): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      request.onClaimed();
      request.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
      runs.push({ connectionId: e.id, request, finish: resolve, fail: reject });
    });
  return { runs, runSync };
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const settled = (s: Scheduler) =>
  new Promise<string>((resolve) => s.events.once("settled", (id: string) => resolve(id)));

const entry = (id: string, lastSyncedAt: string | null = null): ScheduleEntry => ({
  id,
  organizationId: "org-1",
  scheduleMinutes: 60,
  lastSyncedAt,
});

describe("Scheduler", () => {
  it("runs a never-synced connection at once, then again one interval after it finished", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.upsert(entry("c1"));
    timer.advance(0);
    expect(runs.map((r) => r.connectionId)).toEqual(["c1"]);
    expect(s.isRunning("c1")).toBe(true);

    const done = settled(s);
    runs[0]?.finish();
    await done;
    expect(s.isRunning("c1")).toBe(false);
    expect(s.nextSyncAt("c1")).toBe(timer.now() + 60 * 60_000);
    // The stored state, read again (lastSyncedAt still null), does not make it due at once.
    s.upsert(entry("c1"));
    expect(s.nextSyncAt("c1")).toBe(timer.now() + 60 * 60_000);

    timer.advance(60 * 60_000 - 1);
    expect(runs).toHaveLength(1);
    timer.advance(1);
    expect(runs).toHaveLength(2);
    await s.stop();
  });

  it("waits for a synced connection's interval to pass since its last sync", () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.upsert(entry("c1", new Date(timer.now() - 20 * 60_000).toISOString()));
    timer.advance(39 * 60_000);
    expect(runs).toHaveLength(0);
    timer.advance(60_000);
    expect(runs).toHaveLength(1);
  });

  it("refuses a second run of the same connection with a ConflictError, allows one of another", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    const first = s.syncNow(entry("c1"));
    await expect(first.claimed).resolves.toBeUndefined();
    expect(() => s.syncNow(entry("c1"))).toThrow(ConflictError);
    expect(() => s.syncNow(entry("c1"))).toThrow(/already running/);
    // The timer falling due meanwhile does not start a second run either.
    timer.advance(24 * 60 * 60_000);
    expect(runs).toHaveLength(1);

    const other = s.syncNow(entry("c2"));
    await expect(other.claimed).resolves.toBeUndefined();

    runs[0]?.finish();
    await first.done;
    const again = s.syncNow(entry("c1"));
    await expect(again.claimed).resolves.toBeUndefined();
    await s.stop();
  });

  it("passes force through and reports a run that fails before it is claimed", async () => {
    const timer = new ManualTimer();
    const forces: boolean[] = [];
    const s = new Scheduler({
      timer,
      log: silent,
      runSync: (_id, req) => {
        forces.push(req.force);
        return Promise.reject(new ConflictError("another process is syncing it"));
      },
    });
    const run = s.syncNow(entry("c1"), { force: true });
    await expect(run.claimed).rejects.toThrow(/another process/);
    await run.done;
    expect(forces).toEqual([true]);
    expect(s.isRunning("c1")).toBe(false);
  });

  it("retries a failed scheduled run one interval after it started", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.upsert(entry("c1"));
    timer.advance(0);
    const done = settled(s);
    timer.advance(5 * 60_000);
    runs[0]?.fail(new Error("AWS said no"));
    await done;
    expect(s.nextSyncAt("c1")).toBe(timer.now() + 55 * 60_000);
    await s.stop();
  });

  it("runs at most maxConcurrent scheduled syncs at a time and starts queued ones as slots free", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent, maxConcurrent: 2 });
    for (const id of ["a", "b", "c"]) s.upsert(entry(id));
    timer.advance(0);
    expect(runs.map((r) => r.connectionId)).toEqual(["a", "b"]);
    const done = settled(s);
    runs[0]?.finish();
    await done;
    expect(runs.map((r) => r.connectionId)).toEqual(["a", "b", "c"]);
    await s.stop();
  });

  it("stop aborts running syncs, waits for them to end and schedules nothing more", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.upsert(entry("c1"));
    s.upsert(entry("c2", new Date(timer.now()).toISOString()));
    timer.advance(0);
    expect(runs).toHaveLength(1);
    const signal = runs[0]?.request.signal;
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    expect(signal?.aborted).toBe(true);
    await stopping;
    expect(stopped).toBe(true);
    expect(s.isRunning("c1")).toBe(false);
    expect(timer.size).toBe(0);
    timer.advance(7 * 24 * 60 * 60_000);
    expect(runs).toHaveLength(1);
    expect(() => s.syncNow(entry("c1"))).toThrow(/stopping/);
  });

  it("reconcile adds new connections, follows schedule edits and forgets deleted ones", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    const now = new Date(timer.now()).toISOString();
    s.upsert(entry("gone", now));
    s.upsert(entry("kept", now));
    await s.reconcile([{ ...entry("kept", now), scheduleMinutes: 10 }, entry("new")]);
    expect(s.nextSyncAt("gone")).toBeNull();
    expect(s.nextSyncAt("kept")).toBe(timer.now() + 10 * 60_000);
    timer.advance(0);
    expect(runs.map((r) => r.connectionId)).toEqual(["new"]);
    await s.stop();
  });

  it("remove aborts the connection's run and forgets its schedule", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.upsert(entry("c1"));
    timer.advance(0);
    await s.remove("c1");
    expect(runs[0]?.request.signal.aborted).toBe(true);
    expect(s.nextSyncAt("c1")).toBeNull();
    timer.advance(7 * 24 * 60 * 60_000);
    expect(runs).toHaveLength(1);
  });

  it("keeps the progress of a running sync only while it runs", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    s.reportProgress("c1", { phase: "users", done: 5 });
    expect(s.progress("c1")).toBeNull();
    s.upsert(entry("c1"));
    timer.advance(0);
    expect(s.progress("c1")).toBeNull();
    s.reportProgress("c1", { phase: "users", done: 100 });
    s.reportProgress("c1", { phase: "groups", done: 7 });
    expect(s.progress("c1")).toEqual({ phase: "groups", done: 7 });
    expect(s.progress("c2")).toBeNull();

    const done = settled(s);
    runs[0]?.finish();
    await done;
    expect(s.progress("c1")).toBeNull();
    s.syncNow(entry("c1"));
    expect(s.progress("c1")).toBeNull();
    await s.stop();
  });
  it("retries a run abandoned by a dead process at once, once per abandoned run, not at the next schedule", async () => {
    const timer = new ManualTimer();
    const { runs, runSync } = heldRuns();
    const s = new Scheduler({ timer, runSync, log: silent });
    const syncedAt = new Date(timer.now() - 5 * 60_000).toISOString();
    // Synced 5 minutes ago (next due in 55), then a sync in another process was killed.
    s.upsert(entry("c1", syncedAt));
    timer.advance(0);
    expect(runs).toHaveLength(0);
    s.upsert({ ...entry("c1", syncedAt), lastRunId: "run-9", abandonedRunId: "run-9" });
    timer.advance(0);
    expect(runs).toHaveLength(1);

    const done = settled(s);
    runs[0]?.fail(new Error("failed again"));
    await done;
    // The store still says run-9 was abandoned until the next refresh: it is not retried twice.
    s.upsert({ ...entry("c1", syncedAt), lastRunId: "run-9", abandonedRunId: "run-9" });
    timer.advance(59 * 60_000);
    expect(runs).toHaveLength(1);
    timer.advance(60_000);
    expect(runs).toHaveLength(2);
    await s.stop();
  });
});
