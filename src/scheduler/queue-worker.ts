// The worker side of the job queue (`idc-sync worker`, and `idc-sync start` on PostgreSQL unless
// --no-worker): takes sync jobs, runs each in its own thread, and tells the queue what became of
// it (retry-policy.ts). On stop (SIGTERM) it takes no more jobs and aborts the running syncs: each
// run is recorded as aborted with nothing committed, and its job goes back to the queue (a retry)
// for another worker.
import { IdcSyncError } from "../domain/errors.js";
import type { JobQueue, SyncJob } from "./job-queue.js";
import { disposition, dispositionOfError } from "./retry-policy.js";
import type { SchedulerLogger, SyncProgress } from "./scheduler.js";
import type { RunInThreadHooks, SyncThreadRequest, ThreadOutcome } from "./sync-thread-runner.js";

export interface QueueWorkerDeps {
  queue: Pick<JobQueue, "work" | "stopWorking">;
  concurrency: number;
  /** Runs one sync to its end (in a thread); never rejects. */
  execute(request: SyncThreadRequest, hooks: RunInThreadHooks): Promise<ThreadOutcome>;
  log: SchedulerLogger;
  /** Told every finished job (metrics). */
  onFinished?: (outcome: ThreadOutcome, seconds: number, request: SyncThreadRequest) => void;
  /** Told progress of the syncs running here (kept for the API). */
  onProgress?: (connectionId: string, progress: SyncProgress | null) => void;
  /**
   * The running sync's stored progress and cancel request, so that every process shows the
   * first and any can ask the second; checked every `controlMs` (default 1 s).
   */
  control?: {
    setRunProgress(runId: string, progress: SyncProgress): Promise<void>;
    isSyncCancelRequested(runId: string): Promise<boolean>;
  };
  controlMs?: number;
}

export const CANCELLED_MESSAGE = "the sync was cancelled before it finished; nothing was changed";

interface Active {
  connectionId: string;
  controller: AbortController;
  done: Promise<unknown>;
}

export const SHUTDOWN_MESSAGE =
  "the worker running this sync was stopped; nothing was changed, and the sync goes back to the queue";

export class QueueWorker {
  private readonly active = new Map<string, Active>();
  private stopping = false;

  constructor(private readonly deps: QueueWorkerDeps) {}

  async start(): Promise<void> {
    await this.deps.queue.work(this.deps.concurrency, (job) => this.handle(job));
  }

  /** Connection ids of the syncs running in this process. */
  runningConnections(): string[] {
    return [...this.active.values()].map((a) => a.connectionId);
  }

  /** Aborts the running syncs of a connection here (a cancel); true when one ran here. */
  abort(connectionId: string, reason: IdcSyncError): boolean {
    let found = false;
    for (const a of this.active.values()) {
      if (a.connectionId !== connectionId) continue;
      a.controller.abort(reason);
      found = true;
    }
    return found;
  }

  /** Takes no more jobs, aborts the running syncs (their jobs are retried elsewhere) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    const stopped = this.deps.queue.stopWorking();
    const runs = [...this.active.values()];
    for (const a of runs) a.controller.abort(new IdcSyncError("aborted", SHUTDOWN_MESSAGE));
    await Promise.all(runs.map((a) => a.done));
    await stopped;
  }

  private async handle(job: SyncJob): Promise<"complete" | "fail"> {
    if (this.stopping) throw new IdcSyncError("aborted", SHUTDOWN_MESSAGE);
    const { organizationId, connectionId, force } = job.data;
    const controller = new AbortController();
    const started = Date.now();
    this.deps.log.info(
      { connectionId, organizationId, jobId: job.id, attempt: job.retryCount + 1, reason: job.data.reason },
      "sync job started",
    );
    let runId: string | null = null;
    let latest: SyncProgress | null = null;
    let stored: SyncProgress | null = null;
    const run = this.deps.execute(
      { organizationId, connectionId, force },
      {
        signal: controller.signal,
        onClaimed: (id) => (runId = id),
        onProgress: (p) => {
          latest = p;
          this.deps.onProgress?.(connectionId, p);
        },
      },
    );
    this.active.set(job.id, { connectionId, controller, done: run });
    const control = this.deps.control;
    let busy = false;
    const beat =
      control === undefined
        ? undefined
        : setInterval(() => {
            if (busy || runId === null) return;
            busy = true;
            const id = runId;
            const progress = latest;
            const write =
              progress === null || progress === stored
                ? Promise.resolve()
                : control.setRunProgress(id, progress).then(() => (stored = progress));
            write
              .then(() => control.isSyncCancelRequested(id))
              .then((cancel) => {
                if (cancel) controller.abort(new IdcSyncError("cancelled", CANCELLED_MESSAGE));
              })
              // The next beat tries again; a sync does not fail for its progress.
              .catch(() => undefined)
              .finally(() => (busy = false));
          }, this.deps.controlMs ?? 1000);
    let outcome: ThreadOutcome;
    try {
      outcome = await run;
    } finally {
      clearInterval(beat);
      this.active.delete(job.id);
      this.deps.onProgress?.(connectionId, null);
    }
    const seconds = (Date.now() - started) / 1000;
    this.deps.onFinished?.(outcome, seconds, { organizationId, connectionId, force });
    const d =
      outcome.runId === null && outcome.error !== null
        ? dispositionOfError(outcome.error)
        : disposition(outcome);
    const log = {
      connectionId,
      organizationId,
      jobId: job.id,
      runId: outcome.runId,
      attempt: job.retryCount + 1,
    };
    if (d.kind === "complete") {
      this.deps.log.info({ ...log, state: outcome.state, seconds }, "sync job finished");
      return "complete";
    }
    if (d.kind === "fail") {
      this.deps.log.warn({ ...log, code: d.code, reason: d.message }, "sync job failed; not retried");
      return "fail";
    }
    this.deps.log.warn({ ...log, code: d.code, reason: d.message }, "sync job failed; the queue retries it");
    // A throw fails the job into pg-boss's retry (with backoff), to be taken by any worker.
    throw new IdcSyncError(d.code, d.message);
  }
}
