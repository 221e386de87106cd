// The scheduler of a service on PostgreSQL: it runs no sync itself but enqueues them as jobs
// (job-queue.ts) for `idc-sync worker` processes (or this process's own worker). On each tick,
// every process serving the API looks at the stored connections and enqueues the due ones. Two
// processes enqueueing the same tick insert one job: the job's id is derived from the connection
// and its last run, and the queue's per-connection exclusivity refuses a second job besides.
//
// A run whose process died (its claim lapsed; the tick's recoverStaleRuns marked it abandoned) is
// retried at the next tick, not at the next schedule.
import { ConflictError } from "../domain/errors.js";
import { ABANDONED_RUN_CODE } from "../domain/sync-run.js";
import type { SyncRun } from "../domain/sync-run.js";
import { tickJobId, type JobQueue, type SyncJobData } from "./job-queue.js";
import type { ScheduleEntry, SchedulerLogger, StartedRun, SyncProgress } from "./scheduler.js";
import type { SyncScheduler } from "./sync-scheduler.js";
import type { Timer } from "./timer.js";

export interface QueueSchedulerDeps {
  queue: Pick<JobQueue, "enqueue" | "dequeue">;
  timer: Timer;
  log: SchedulerLogger;
  /** The connection's last run (null when it has none or it is gone). */
  lastRun(entry: ScheduleEntry): Promise<SyncRun | null>;
  /** Resolves once a run of the connection newer than `previousRunId` was claimed, or after a while. */
  waitClaimed(entry: ScheduleEntry, previousRunId: string | null): Promise<void>;
  /** The progress of the connection's sync when this process's own worker runs it. */
  local?: (connectionId: string) => SyncProgress | null;
}

export class QueueScheduler implements SyncScheduler {
  private readonly entries = new Map<string, ScheduleEntry>();
  private readonly next = new Map<string, number>();
  private stopped = false;

  constructor(private readonly deps: QueueSchedulerDeps) {}

  upsert(entry: ScheduleEntry): void {
    if (this.stopped) return;
    this.entries.set(entry.id, entry);
    this.tick(entry).catch((err: unknown) =>
      this.deps.log.warn({ connectionId: entry.id, err }, "could not enqueue the connection's sync"),
    );
  }

  async reconcile(entries: ScheduleEntry[]): Promise<void> {
    if (this.stopped) return;
    const ids = new Set(entries.map((e) => e.id));
    for (const id of [...this.entries.keys()]) {
      if (!ids.has(id)) {
        this.entries.delete(id);
        this.next.delete(id);
      }
    }
    for (const e of entries) this.entries.set(e.id, e);
    // One at a time: a tick is a read or two and perhaps an insert per connection.
    for (const e of entries) {
      try {
        await this.tick(e);
      } catch (err) {
        this.deps.log.warn({ connectionId: e.id, err }, "could not enqueue the connection's sync");
      }
    }
  }

  async remove(connectionId: string): Promise<void> {
    this.entries.delete(connectionId);
    this.next.delete(connectionId);
    await this.deps.queue.dequeue(connectionId);
  }

  /** Syncs run by this process's own worker are reached through the stored cancel request. */
  cancel(): boolean {
    return false;
  }

  isRunning(connectionId: string): boolean {
    return this.progress(connectionId) !== null;
  }

  progress(connectionId: string): SyncProgress | null {
    return this.deps.local?.(connectionId) ?? null;
  }

  nextSyncAt(connectionId: string): number | null {
    return this.next.get(connectionId) ?? null;
  }

  syncNow(entry: ScheduleEntry, options: { force?: boolean } = {}): StartedRun {
    if (this.stopped) throw new ConflictError("the service is stopping; try again once it has restarted");
    this.entries.set(entry.id, entry);
    const claimed = (async () => {
      const id = await this.deps.queue.enqueue(this.job(entry, "manual", options.force === true));
      if (id === null) {
        throw new ConflictError(
          `a sync of connection ${entry.id} is already queued or running; wait for it to finish, then start another`,
        );
      }
      await this.deps.waitClaimed(entry, entry.lastRunId ?? null);
    })();
    const done = claimed.then(
      () => undefined,
      () => undefined,
    );
    return { claimed, done };
  }

  stop(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  private job(entry: ScheduleEntry, reason: SyncJobData["reason"], force: boolean): SyncJobData {
    return { organizationId: entry.organizationId, connectionId: entry.id, force, reason };
  }

  /** Enqueues the connection's sync if it is due (at most one job per connection and last run). */
  private async tick(entry: ScheduleEntry): Promise<void> {
    const last =
      entry.lastRunId === null || entry.lastRunId === undefined ? null : await this.deps.lastRun(entry);
    if (last?.state === "running") {
      // Running somewhere; if its process died, the claim lapses and a later tick sees it abandoned.
      this.next.delete(entry.id);
      return;
    }
    if (last?.state === "failed" && last.error?.code === ABANDONED_RUN_CODE) {
      await this.deps.queue.enqueue(this.job(entry, "abandoned", false), {
        id: tickJobId(`${entry.id}:after:${last.id}`),
      });
      this.deps.log.info({ connectionId: entry.id, runId: last.id }, "retrying an abandoned sync");
      return;
    }
    const now = this.deps.timer.now();
    const synced = entry.lastSyncedAt === null ? NaN : Date.parse(entry.lastSyncedAt);
    const started = last === null ? NaN : Date.parse(last.startedAt);
    const lastAt = Math.max(
      Number.isNaN(synced) ? -Infinity : synced,
      Number.isNaN(started) ? -Infinity : started,
    );
    const due = lastAt === -Infinity ? now : lastAt + entry.scheduleMinutes * 60_000;
    this.next.set(entry.id, due);
    if (due > now) return;
    await this.deps.queue.enqueue(this.job(entry, "schedule", false), {
      id: tickJobId(`${entry.id}:after:${last?.id ?? "never"}`),
    });
  }
}
