// The deliverer in the single process (SQLite, or PostgreSQL without workers): drains the outbox,
// then sleeps until the next event is due, a poll interval passes (another process, e.g. the
// CLI's `idc-sync sync`, may have committed one), or kick() says a sync just committed.
import type { DeliveryStore } from "./delivery-store.js";
import type { Deliverer, DelivererLogger } from "./deliverer.js";

/** What the surfaces see of delivery, wherever it runs: "a sync committed, deliver soon". */
export interface NotificationDispatch {
  kick(): void;
  close(): Promise<void>;
}

export interface DeliveryLoopOptions {
  deliverer: Deliverer;
  store: Pick<DeliveryStore, "nextDeliveryDueAt">;
  pollMs: number;
  now?: () => number;
  log?: DelivererLogger;
}

export class DeliveryLoop implements NotificationDispatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private readonly abort = new AbortController();
  private readonly now: () => number;

  constructor(private readonly options: DeliveryLoopOptions) {
    this.now = options.now ?? Date.now;
  }

  start(): this {
    this.kick();
    return this;
  }

  kick(): void {
    if (this.closed) return;
    if (this.running !== null) {
      this.again = true;
      return;
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.round().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async round(): Promise<void> {
    let wait = this.options.pollMs;
    try {
      await this.options.deliverer.drain(this.abort.signal);
      const due = await this.options.store.nextDeliveryDueAt();
      if (due !== null) wait = Math.max(0, Math.min(wait, Date.parse(due) - this.now()));
    } catch (err) {
      this.options.log?.warn(
        { err: err instanceof Error ? err.message : String(err) },
        "notification delivery round failed",
      );
    }
    if (this.closed || this.again) return;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
  }
}
