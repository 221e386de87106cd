// The deliverer on PostgreSQL (issue 16): pg-boss jobs on the queue idc-sync-notify, worked by
// every queue worker (`idc-sync start` unless --no-worker, and `idc-sync worker`). A job is "drain
// the outbox": the deliverer claims due events under leases, so drains in several workers never
// send one event twice at once. The queue is `stately` (at most one drain queued and one running),
// and every queue process asks for a drain each poll interval and after each of its syncs, so
// retries fall due without anyone watching. The rows, not the jobs, hold the delivery state.
import type { PgBoss } from "pg-boss";
import type { NotificationDispatch } from "../notify/delivery-loop.js";
import type { Deliverer } from "../notify/deliverer.js";
import type { SchedulerLogger } from "./scheduler.js";

export const NOTIFY_QUEUE = "idc-sync-notify";

export interface NotifyQueueOptions {
  boss: PgBoss;
  /** Set in processes that work the queue; absent: this process only asks for drains. */
  deliverer?: Deliverer;
  pollMs: number;
  log: SchedulerLogger;
}

export class NotifyQueue implements NotificationDispatch {
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly abort = new AbortController();

  private constructor(private readonly options: NotifyQueueOptions) {}

  static async start(options: NotifyQueueOptions): Promise<NotifyQueue> {
    await options.boss.createQueue(NOTIFY_QUEUE, {
      policy: "stately",
      retryLimit: 0,
      expireInSeconds: 15 * 60,
    });
    const q = new NotifyQueue(options);
    const { deliverer } = options;
    if (deliverer !== undefined) {
      await options.boss.work(
        NOTIFY_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: Math.max(0.5, options.pollMs / 1000) },
        async () => {
          await deliverer.drain(q.abort.signal);
        },
      );
    }
    q.arm();
    q.kick();
    return q;
  }

  kick(): void {
    if (this.closed) return;
    this.options.boss.send(NOTIFY_QUEUE, {}, { singletonKey: "drain" }).catch((err: unknown) => {
      this.options.log.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "could not queue a notification drain",
      );
    });
  }

  private arm(): void {
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    if (this.timer !== null) clearInterval(this.timer);
    if (this.options.deliverer !== undefined) await this.options.boss.offWork(NOTIFY_QUEUE, { wait: true });
  }
}
