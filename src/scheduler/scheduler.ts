// The embedded scheduler: every connection syncs on its own interval, "sync now" on demand, at
// most one run per connection at a time (in this process; the runner's claim guards across
// processes), and a stop that aborts running syncs and waits for them, so nothing half-done is
// committed (the runner commits only whole runs, in one transaction).
import { EventEmitter } from "node:events";
import { ConflictError, IdcSyncError } from "../domain/errors.js";
import type { Timer } from "./timer.js";

export interface ScheduleEntry {
  id: string;
  organizationId: string;
  scheduleMinutes: number;
  /** When the last successful sync committed; null: due at once. */
  lastSyncedAt: string | null;
  /** The connection's last run (the queue's schedule ticks key on it). */
  lastRunId?: string | null;
  /**
   * Set when the last run was abandoned (its process died and its claim lapsed): that run is
   * retried at once, not at the next schedule. Its id, so each abandoned run is retried once here.
   */
  abandonedRunId?: string | null;
}

export interface RunRequest {
  signal: AbortSignal;
  force: boolean;
  /** Called once the run is claimed (recorded as running, the connection as syncing). */
  onClaimed: () => void;
}

/** How far a running sync has read (the connector's own report). */
export interface SyncProgress {
  phase: string;
  /** Items read so far in this phase. */
  done: number;
}

export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SchedulerDeps {
  timer: Timer;
  /** Runs one sync to its end. Rejects when it fails (the failure is already recorded by then). */
  runSync(entry: ScheduleEntry, request: RunRequest): Promise<void>;
  log: SchedulerLogger;
  /** Scheduled runs at the same time across connections; manual runs do not wait for a slot. */
  maxConcurrent?: number;
}

export interface StartedRun {
  /** Resolves once the run is claimed; rejects when it could not start (e.g. ConflictError). */
  claimed: Promise<void>;
  /** Settles when the run has ended, however it ended. Never rejects. */
  done: Promise<void>;
}

interface Slot {
  entry: ScheduleEntry;
  /** When this process last started a run of it (epoch ms): a failed run waits an interval too. */
  lastAttemptAt: number | null;
  /** The abandoned run this process has already retried. */
  retriedRunId: string | null;
  handle: unknown;
  nextAt: number | null;
}

interface Running {
  controller: AbortController;
  done: Promise<void>;
  progress: SyncProgress | null;
}

export class Scheduler {
  /** Emits "settled" (connectionId, error | undefined) after each run. */
  readonly events = new EventEmitter();
  private readonly slots = new Map<string, Slot>();
  private readonly running = new Map<string, Running>();
  private readonly queue: string[] = [];
  private scheduledRunning = 0;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Adds a connection, or updates its schedule; it falls due `scheduleMinutes` after its last sync. */
  upsert(entry: ScheduleEntry): void {
    if (this.stopped) return;
    const slot = this.slots.get(entry.id) ?? {
      entry,
      lastAttemptAt: null,
      retriedRunId: null,
      handle: undefined,
      nextAt: null,
    };
    slot.entry = entry;
    this.slots.set(entry.id, slot);
    if (!this.running.has(entry.id)) this.arm(slot);
  }

  /**
   * Makes the schedule match the stored connections (e.g. ones another process added, edited or
   * deleted): upserts every entry and forgets connections that are gone.
   */
  async reconcile(entries: ScheduleEntry[]): Promise<void> {
    const ids = new Set(entries.map((e) => e.id));
    for (const e of entries) this.upsert(e);
    await Promise.all([...this.slots.keys()].filter((id) => !ids.has(id)).map((id) => this.remove(id)));
  }

  /** Forgets a connection: no more syncs; a running one is aborted and awaited. */
  async remove(connectionId: string): Promise<void> {
    const slot = this.slots.get(connectionId);
    if (slot !== undefined) this.deps.timer.clearTimeout(slot.handle);
    this.slots.delete(connectionId);
    this.dequeue(connectionId);
    const run = this.running.get(connectionId);
    if (run !== undefined) {
      run.controller.abort(new Error("connection removed"));
      await run.done;
    }
  }

  /** Aborts the connection's running sync (nothing is committed); false when none runs here. */
  cancel(connectionId: string): boolean {
    const run = this.running.get(connectionId);
    if (run === undefined) return false;
    run.controller.abort(
      new IdcSyncError("cancelled", "the sync was cancelled before it finished; nothing was changed"),
    );
    return true;
  }

  isRunning(connectionId: string): boolean {
    return this.running.has(connectionId);
  }

  /** The last progress reported by the running sync of this connection; null when none runs here. */
  progress(connectionId: string): SyncProgress | null {
    return this.running.get(connectionId)?.progress ?? null;
  }

  /** Records the progress of this connection's running sync; ignored when none runs here. */
  reportProgress(connectionId: string, progress: SyncProgress): void {
    const run = this.running.get(connectionId);
    if (run !== undefined) run.progress = { phase: progress.phase, done: progress.done };
  }

  /** When the next scheduled sync is due (epoch ms), or null while running or unknown. */
  nextSyncAt(connectionId: string): number | null {
    return this.slots.get(connectionId)?.nextAt ?? null;
  }

  /** Starts a sync at once. Throws ConflictError when one of this connection is running. */
  syncNow(entry: ScheduleEntry, options: { force?: boolean } = {}): StartedRun {
    if (this.stopped) throw new ConflictError("the service is stopping; try again once it has restarted");
    if (this.running.has(entry.id)) {
      throw new ConflictError(
        `a sync of connection ${entry.id} is already running; wait for it to finish, then start another`,
      );
    }
    this.upsert(entry);
    this.dequeue(entry.id);
    return this.launch(entry.id, options.force === true, false);
  }

  /** Stops scheduling, aborts running syncs and waits until every one has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const slot of this.slots.values()) this.deps.timer.clearTimeout(slot.handle);
    this.slots.clear();
    this.queue.length = 0;
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort(new Error("the service is stopping"));
    await Promise.all(runs.map((r) => r.done));
  }

  private arm(slot: Slot): void {
    const { timer } = this.deps;
    timer.clearTimeout(slot.handle);
    const intervalMs = slot.entry.scheduleMinutes * 60_000;
    const synced = slot.entry.lastSyncedAt === null ? NaN : Date.parse(slot.entry.lastSyncedAt);
    const last = Math.max(Number.isNaN(synced) ? -Infinity : synced, slot.lastAttemptAt ?? -Infinity);
    const now = timer.now();
    const abandoned = slot.entry.abandonedRunId;
    const retry = abandoned !== undefined && abandoned !== null && abandoned !== slot.retriedRunId;
    const at = last === -Infinity || retry ? now : Math.max(now, last + intervalMs);
    slot.nextAt = at;
    slot.handle = timer.setTimeout(() => this.due(slot.entry.id), at - now);
  }

  private due(connectionId: string): void {
    const slot = this.slots.get(connectionId);
    if (slot === undefined || this.stopped || this.running.has(connectionId)) return;
    slot.handle = undefined;
    if (!this.queue.includes(connectionId)) this.queue.push(connectionId);
    this.pump();
  }

  private pump(): void {
    const max = this.deps.maxConcurrent ?? 4;
    while (this.scheduledRunning < max) {
      const id = this.queue.shift();
      if (id === undefined) return;
      if (this.running.has(id) || !this.slots.has(id)) continue;
      const run = this.launch(id, false, true);
      // Scheduled runs have no caller to tell: a failure is recorded by the runner and logged here.
      run.claimed.catch(() => undefined);
    }
  }

  private dequeue(connectionId: string): void {
    const i = this.queue.indexOf(connectionId);
    if (i !== -1) this.queue.splice(i, 1);
  }

  private launch(connectionId: string, force: boolean, scheduled: boolean): StartedRun {
    const slot = this.slots.get(connectionId);
    if (slot !== undefined) {
      this.deps.timer.clearTimeout(slot.handle);
      slot.nextAt = null;
      slot.retriedRunId = slot.entry.abandonedRunId ?? slot.retriedRunId;
    }
    const controller = new AbortController();
    let claimedAny = false;
    let resolveClaimed!: () => void;
    let rejectClaimed!: (err: unknown) => void;
    const claimed = new Promise<void>((resolve, reject) => {
      resolveClaimed = resolve;
      rejectClaimed = reject;
    });
    if (scheduled) this.scheduledRunning++;
    const started = this.deps.timer.now();
    const entry = slot?.entry;
    const run =
      entry === undefined
        ? Promise.reject(new ConflictError(`connection ${connectionId} is not scheduled`))
        : this.deps.runSync(entry, {
            signal: controller.signal,
            force,
            onClaimed: () => {
              claimedAny = true;
              resolveClaimed();
            },
          });
    const done = run.then(
      () => this.settle(connectionId, scheduled, started, undefined),
      (err: unknown) => {
        if (!claimedAny) rejectClaimed(err);
        this.settle(connectionId, scheduled, started, err);
      },
    );
    // A run that ends without calling onClaimed and without failing has nothing to point at.
    void done.then(() => rejectClaimed(new ConflictError("the sync ended before it was recorded")));
    this.running.set(connectionId, { controller, done, progress: null });
    return { claimed, done };
  }

  private settle(connectionId: string, scheduled: boolean, started: number, err: unknown): void {
    this.running.delete(connectionId);
    if (scheduled) this.scheduledRunning--;
    const slot = this.slots.get(connectionId);
    // The next run is due one interval after this one started, whether it succeeded or failed.
    if (slot !== undefined) slot.lastAttemptAt = started;
    if (err === undefined) {
      this.deps.log.info({ connectionId }, "sync finished");
    } else if (!this.stopped) {
      const e = err as { code?: unknown; message?: unknown };
      this.deps.log.warn({ connectionId, code: e.code, reason: e.message }, "sync failed");
    }
    if (slot !== undefined && !this.stopped) this.arm(slot);
    this.events.emit("settled", connectionId, err);
    if (!this.stopped) this.pump();
  }
}
