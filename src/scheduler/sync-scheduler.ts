// What the rest of the service (the HTTP API, the app) needs from a scheduler: the embedded one
// (scheduler.ts, in-process timers; the default on SQLite) or the job queue's (queue-scheduler.ts,
// pg-boss on PostgreSQL). Both keep at most one run per connection.
import type { ScheduleEntry, StartedRun, SyncProgress } from "./scheduler.js";

export interface SyncScheduler {
  /** Adds a connection, or updates its schedule. */
  upsert(entry: ScheduleEntry): void;
  /** Matches the schedule to the stored connections; enqueues what is due. */
  reconcile(entries: ScheduleEntry[]): Promise<void>;
  /** Forgets a connection: no more syncs; a running one (here) is aborted and awaited. */
  remove(connectionId: string): Promise<void>;
  /** True while this process runs a sync of the connection (the store knows about other processes). */
  isRunning(connectionId: string): boolean;
  /** The progress of a sync running in this process; null otherwise (the store has the rest). */
  progress(connectionId: string): SyncProgress | null;
  /** When the next scheduled sync is due (epoch ms), or null while running or unknown. */
  nextSyncAt(connectionId: string): number | null;
  /** Starts (or queues) a sync now; ConflictError when one is already running or queued. */
  syncNow(entry: ScheduleEntry, options?: { force?: boolean }): StartedRun;
  /** Aborts the connection's sync if it runs in this process (a cancel); false otherwise. */
  cancel(connectionId: string): boolean;
  /** Stops scheduling; aborts and awaits syncs running in this process. */
  stop(): Promise<void>;
}
