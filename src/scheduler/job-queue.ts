// The sync job queue on PostgreSQL, on pg-boss (a maintained queue over the database idc-sync
// already uses, rather than a home-made one). One queue, "idc-sync-sync", whose policy is
// `exclusive` keyed by connection: at most one job per connection is queued or active, whatever
// asked for it (schedule, "sync now", force, retry). Jobs carry their organization as pg-boss's
// group, and workers cap the running jobs per group across all processes (fair share: one
// organization with 50 connections holds at most IDC_SYNC_ORG_CONCURRENCY slots). A killed
// worker stops heart-beating; pg-boss's supervisor then fails the job into its retry.
import { createHash } from "node:crypto";
import { PgBoss, type Job } from "pg-boss";

export const SYNC_QUEUE = "idc-sync-sync";
/** A job may run this long before the queue gives up on it (a 100,000-user sync reads ~11 minutes). */
const EXPIRE_SECONDS = 4 * 60 * 60;
const RETRY_DELAY_MAX_SECONDS = 30 * 60;

/** The queue's settings (config.queue; see src/config.ts for each one's meaning). */
export interface QueueSettings {
  schema: string;
  pollSeconds: number;
  heartbeatSeconds: number;
  superviseSeconds: number;
  retryDelaySeconds: number;
  retryLimit: number;
  orgConcurrency: number;
}

export type SyncJobReason = "schedule" | "manual" | "abandoned";

export interface SyncJobData {
  organizationId: string;
  connectionId: string;
  force: boolean;
  reason: SyncJobReason;
}

export type SyncJob = Job<SyncJobData>;

export interface JobRow {
  id: string;
  state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
  organizationId: string;
  connectionId: string;
  reason: string;
  force: boolean;
  retryCount: number;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
  /** Seconds since it was created. */
  ageSeconds: number;
  /** The failure's message for failed or retrying jobs. */
  error: string | null;
}

export interface QueueDepth {
  queued: number;
  active: number;
  failed: number;
  oldestQueuedSeconds: number;
}

export interface JobQueueOptions {
  connectionString: string;
  config: QueueSettings;
  /** Whether this process looks for dead workers' jobs and expired jobs (every queue process may). */
  supervise?: boolean;
  onError?: (err: Error) => void;
}

/** A job id derived from a key: two processes enqueueing the same schedule tick insert one job. */
export function tickJobId(key: string): string {
  const h = createHash("sha256").update(key).digest("hex");
  // A UUID's shape (version nibble 5, variant 8): pg-boss's id column is a uuid.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class JobQueue {
  private constructor(
    readonly boss: PgBoss,
    private readonly config: QueueSettings,
  ) {}

  static async open(options: JobQueueOptions): Promise<JobQueue> {
    const { config } = options;
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: config.schema,
      max: 4,
      application_name: "idc-sync-queue",
      supervise: options.supervise ?? true,
      superviseIntervalSeconds: config.superviseSeconds,
      monitorIntervalSeconds: config.superviseSeconds,
      // idc-sync's own schedule ticks enqueue syncs (see queue-scheduler.ts); no cron here.
      schedule: false,
    });
    boss.on("error", (err: Error) => options.onError?.(err));
    await boss.start();
    try {
      await boss.createQueue(SYNC_QUEUE, {
        policy: "exclusive",
        retryLimit: config.retryLimit,
        retryDelay: config.retryDelaySeconds,
        retryBackoff: true,
        retryDelayMax: RETRY_DELAY_MAX_SECONDS,
        heartbeatSeconds: config.heartbeatSeconds,
        expireInSeconds: EXPIRE_SECONDS,
      });
    } catch (err) {
      await boss.stop({ graceful: false });
      throw err;
    }
    return new JobQueue(boss, config);
  }

  /**
   * Queues a sync unless one of this connection is already queued or running (then null).
   * `id` makes the send idempotent (a schedule tick's id).
   */
  async enqueue(data: SyncJobData, options: { id?: string } = {}): Promise<string | null> {
    return this.boss.send(SYNC_QUEUE, data, {
      singletonKey: data.connectionId,
      group: { id: data.organizationId },
      ...(options.id === undefined ? {} : { id: options.id }),
    });
  }

  /** Takes the connection's queued (not running) jobs off the queue; returns how many. */
  async dequeue(connectionId: string): Promise<number> {
    const jobs = await this.boss.findJobs<SyncJobData>(SYNC_QUEUE, { key: connectionId, queued: true });
    if (jobs.length === 0) return 0;
    await this.boss.deleteJob(
      SYNC_QUEUE,
      jobs.map((j) => j.id),
    );
    return jobs.length;
  }

  /** Runs `handler` for jobs, `concurrency` at a time in this process, fair across organizations. */
  async work(concurrency: number, handler: (job: SyncJob) => Promise<"complete" | "fail">): Promise<string> {
    return this.boss.work<SyncJobData>(
      SYNC_QUEUE,
      {
        batchSize: 1,
        localConcurrency: concurrency,
        groupConcurrency: this.config.orgConcurrency,
        pollingIntervalSeconds: this.config.pollSeconds,
        perJobResults: true,
      },
      async (jobs) => {
        const results = [];
        for (const job of jobs) {
          // "fail" ends the job without its remaining retries; a throw (below) retries it.
          const outcome = await handler(job);
          results.push({ id: job.id, status: outcome === "complete" ? "completed" : "deadletter" } as const);
        }
        return results;
      },
    );
  }

  /** Stops fetching new jobs in this process (running handlers go on). */
  async stopWorking(): Promise<void> {
    await this.boss.offWork(SYNC_QUEUE, { wait: false });
  }

  /** True when the queue's tables answer. */
  async ping(): Promise<boolean> {
    try {
      await this.boss.getDb().executeSql("select 1");
      return true;
    } catch {
      return false;
    }
  }

  async depth(): Promise<QueueDepth> {
    const table = await this.table();
    const { rows } = await this.boss.getDb().executeSql(
      `select
         count(*) filter (where state in ('created','retry'))::int as queued,
         count(*) filter (where state = 'active')::int as active,
         count(*) filter (where state = 'failed')::int as failed,
         coalesce(extract(epoch from now() - min(created_on) filter (where state in ('created','retry'))), 0)::float8 as oldest
       from ${this.config.schema}.${table} where name = $1`,
      [SYNC_QUEUE],
    );
    const r = rows[0] as { queued: number; active: number; failed: number; oldest: number } | undefined;
    return {
      queued: r?.queued ?? 0,
      active: r?.active ?? 0,
      failed: r?.failed ?? 0,
      oldestQueuedSeconds: r?.oldest ?? 0,
    };
  }

  /** Queued, active and failed jobs (newest first), and completed ones when `all`. */
  async list(options: { all?: boolean; limit?: number } = {}): Promise<JobRow[]> {
    const table = await this.table();
    const states = options.all === true ? "" : "and state in ('created','retry','active','failed')";
    const { rows } = await this.boss.getDb().executeSql(
      `select id::text, state::text, data, retry_count, output,
         created_on, started_on, completed_on,
         extract(epoch from now() - created_on)::float8 as age
       from ${this.config.schema}.${table} where name = $1 ${states}
       order by created_on desc limit $2`,
      [SYNC_QUEUE, options.limit ?? 200],
    );
    return rows.map((r: Record<string, unknown>) => {
      const data = (r["data"] ?? {}) as Partial<SyncJobData>;
      const state = r["state"] as JobRow["state"];
      const output = r["output"] as { message?: unknown; value?: { message?: unknown } } | null;
      const message = output?.message ?? output?.value?.message;
      const iso = (v: unknown): string | null =>
        v instanceof Date ? v.toISOString() : typeof v === "string" ? v : null;
      return {
        id: String(r["id"]),
        state,
        organizationId: data.organizationId ?? "",
        connectionId: data.connectionId ?? "",
        reason: data.reason ?? "",
        force: data.force === true,
        retryCount: Number(r["retry_count"] ?? 0),
        createdOn: iso(r["created_on"]) ?? "",
        startedOn: iso(r["started_on"]),
        completedOn: iso(r["completed_on"]),
        ageSeconds: Math.round(Number(r["age"] ?? 0)),
        error: (state === "failed" || state === "retry") && typeof message === "string" ? message : null,
      };
    });
  }

  async stop(options: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
    await this.boss.stop({
      graceful: options.graceful ?? true,
      timeout: options.timeoutMs ?? 30_000,
    });
  }

  private async table(): Promise<string> {
    const queue = await this.boss.getQueue(SYNC_QUEUE);
    const table = queue?.table ?? "job";
    if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`unexpected queue table name ${table}`);
    return table;
  }
}
