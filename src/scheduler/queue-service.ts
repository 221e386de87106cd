// The job queue's side of `idc-sync start` on PostgreSQL: the queue, the scheduler that enqueues
// (every process serving the API), and, unless --no-worker, this process's own worker (syncs in
// threads, like `idc-sync worker`). Wired by src/app.ts.
import type { SyncStore } from "../engine/sync-store.js";
import type { SyncRun } from "../domain/sync-run.js";
import { JobQueue, type QueueSettings } from "./job-queue.js";
import type { Metrics } from "./metrics.js";
import { QueueScheduler } from "./queue-scheduler.js";
import { QueueWorker } from "./queue-worker.js";
import type { ScheduleEntry, SchedulerLogger, SyncProgress } from "./scheduler.js";
import { runSyncInThread, type SyncThreadConfig, type ThreadOutcome } from "./sync-thread-runner.js";
import type { Timer } from "./timer.js";

export interface QueueServiceOptions {
  connectionString: string;
  settings: QueueSettings;
  /** Runs syncs here too (`start`); false for `start --no-worker`. */
  worker: boolean;
  workerConcurrency: number;
  thread: SyncThreadConfig;
  memoryMb: number;
  store: Pick<SyncStore, "finishSyncRun" | "getSyncRun" | "getConnection"> & {
    setRunProgress(runId: string, progress: SyncProgress): Promise<void>;
    isSyncCancelRequested(runId: string): Promise<boolean>;
  };
  timer: Timer;
  log: SchedulerLogger;
  metrics?: Metrics;
  /** How often "sync now" looks whether a worker has claimed the run, and for how long. */
  claimPollMs?: number;
  claimWaitMs?: number;
}

export interface QueueService {
  queue: JobQueue;
  scheduler: QueueScheduler;
  worker: QueueWorker | null;
  /** The progress of syncs running in this process's worker. */
  progress(connectionId: string): SyncProgress | null;
  close(): Promise<void>;
}

/** A failed sync is labelled by its error code (aborted, throttled, sync_memory_limit, ...). */
export function outcomeLabel(outcome: ThreadOutcome): string {
  return outcome.state === "failed" ? (outcome.error?.code ?? "failed") : outcome.state;
}

/**
 * Counts a finished job in the metrics, with the AWS calls and throttles its stored run records
 * (the thread that made them is gone; the run is where they are kept).
 */
export async function recordFinishedJob(
  metrics: Metrics,
  store: Pick<SyncStore, "getSyncRun">,
  outcome: ThreadOutcome,
  seconds: number,
  organizationId: string,
): Promise<void> {
  const run =
    outcome.runId === null ? null : await store.getSyncRun(organizationId, outcome.runId).catch(() => null);
  metrics.recordSync({
    outcome: outcomeLabel(outcome),
    seconds,
    ...(run === null ? {} : { callsByAction: run.callsByAction, throttles: run.throttles }),
  });
}

export async function startQueueService(options: QueueServiceOptions): Promise<QueueService> {
  const { store, timer, log } = options;
  const queue = await JobQueue.open({
    connectionString: options.connectionString,
    config: options.settings,
    onError: (err) => log.warn({ err: err.message }, "job queue error"),
  });
  const pollMs = options.claimPollMs ?? 200;
  const waitMs = options.claimWaitMs ?? 10_000;
  const running = new Map<string, SyncProgress>();
  const scheduler = new QueueScheduler({
    queue,
    timer,
    log,
    local: (connectionId) => running.get(connectionId) ?? null,
    lastRun: (entry: ScheduleEntry): Promise<SyncRun | null> =>
      entry.lastRunId === null || entry.lastRunId === undefined
        ? Promise.resolve(null)
        : store.getSyncRun(entry.organizationId, entry.lastRunId).catch(() => null),
    // "Sync now" answers once a worker claimed the run, so the connection reads `syncing` with its
    // run id; with every worker busy it answers after a while with the job queued.
    waitClaimed: async (entry, previousRunId) => {
      const until = Date.now() + waitMs;
      while (Date.now() < until) {
        const c = await store.getConnection(entry.organizationId, entry.id).catch(() => null);
        if (c === null || (c.lastRunId !== null && c.lastRunId !== previousRunId)) return;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  });
  const worker = options.worker
    ? new QueueWorker({
        queue,
        concurrency: options.workerConcurrency,
        execute: (request, hooks) =>
          runSyncInThread({ config: options.thread, memoryMb: options.memoryMb, store }, request, hooks),
        log,
        control: store,
        onProgress: (connectionId, p) => {
          if (p === null) running.delete(connectionId);
          else running.set(connectionId, p);
        },
        onFinished: (outcome, seconds, request) => {
          const metrics = options.metrics;
          if (metrics !== undefined)
            void recordFinishedJob(metrics, store, outcome, seconds, request.organizationId);
        },
      })
    : null;
  try {
    await worker?.start();
  } catch (err) {
    await queue.stop({ graceful: false });
    throw err;
  }
  return {
    queue,
    scheduler,
    worker,
    progress: (connectionId) => running.get(connectionId) ?? null,
    async close() {
      await scheduler.stop();
      await worker?.stop();
      await queue.stop({ graceful: true });
    },
  };
}
