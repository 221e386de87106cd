// The deliverer (issue 16): takes due events from the outbox and sends them, at least once.
// Each subscription's oldest pending event only (the store's claim), so events reach a receiver
// in commit order; a failure is retried with exponential backoff and jitter, never sooner than
// Retry-After, until the event's deadline (~24 h after it was written), then it is failed and can
// be redelivered. 2xx delivers; 410 Gone disables the subscription. The same code runs in the
// single process (delivery-loop.ts) and in pg-boss jobs on PostgreSQL (scheduler/notify-queue.ts).
import type { AttemptOutcome, DueDelivery } from "../domain/notifications/types.js";
import { renderRequest } from "../domain/notifications/render.js";
import {
  DEFAULT_RETRY_TIMING,
  nextAttemptAt,
  parseRetryAfter,
  type RetryTiming,
} from "../domain/notifications/retry.js";
import type { DeliveryStore } from "./delivery-store.js";
import { SendError, type Sender } from "./http-sender.js";

export interface DelivererLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface DelivererOptions {
  store: DeliveryStore;
  send: Sender;
  /** The web app's base URL, for the links in events (IDC_SYNC_PUBLIC_URL). */
  baseUrl: string;
  timing?: RetryTiming;
  now?: () => Date;
  random?: () => number;
  /** How long a claimed event is held (longer than a request's timeout). */
  leaseMs?: number;
  /** Events sent at once (each of another subscription). */
  batch?: number;
  log?: DelivererLogger;
}

export class Deliverer {
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly timing: RetryTiming;
  private readonly leaseMs: number;
  private readonly batch: number;

  constructor(private readonly options: DelivererOptions) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.timing = options.timing ?? DEFAULT_RETRY_TIMING;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batch = options.batch ?? 16;
  }

  /** Sends what is due until nothing is; returns how many attempts it made. */
  async drain(signal?: AbortSignal): Promise<number> {
    let attempts = 0;
    for (;;) {
      if (signal?.aborted === true) return attempts;
      const due = await this.options.store.claimDueDeliveries(this.batch, this.leaseMs);
      if (due.length === 0) return attempts;
      await Promise.all(due.map((d) => this.attempt(d)));
      attempts += due.length;
    }
  }

  private async attempt(due: DueDelivery): Promise<void> {
    const outcome = await this.send(due);
    const next =
      outcome.result === "retry"
        ? nextAttemptAt(
            this.now(),
            due.attempt,
            due.retryUntil,
            this.timing,
            this.random,
            outcome.retryAfterMs,
          )
        : null;
    try {
      await this.options.store.recordDeliveryAttempt(due.delivery.id, outcome, next);
    } catch (err) {
      // E.g. the subscription was removed meanwhile. The other events of this round go on; an
      // unrecorded one is tried again once its claim runs out (at least once, never lost).
      this.options.log?.warn(
        { eventId: due.delivery.id, err: err instanceof Error ? err.message : String(err) },
        "could not record a notification attempt",
      );
      return;
    }
    // The log names the event and subscription, never the URL or the secret.
    const fields = {
      eventId: due.delivery.id,
      subscriptionId: due.delivery.subscriptionId,
      attempt: due.attempt,
      statusCode: outcome.statusCode,
    };
    if (outcome.result === "delivered") this.options.log?.info(fields, "notification delivered");
    else if (outcome.result === "gone")
      this.options.log?.warn(fields, "receiver answered 410 Gone: subscription disabled");
    else
      this.options.log?.warn(
        { ...fields, error: outcome.error, nextAttemptAt: next },
        next === null ? "notification failed: given up" : "notification attempt failed",
      );
  }

  private async send(due: DueDelivery): Promise<AttemptOutcome> {
    const now = this.now();
    const request = renderRequest(
      due.kind,
      due.event,
      due.secret,
      this.options.baseUrl,
      Math.floor(now.getTime() / 1000),
    );
    try {
      const res = await this.options.send(due.url, request.body, request.headers);
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { result: "delivered", statusCode: res.statusCode };
      if (res.statusCode === 410) return { result: "gone", statusCode: 410 };
      const redirect = res.statusCode >= 300 && res.statusCode < 400;
      return {
        result: "retry",
        statusCode: res.statusCode,
        error: redirect ? `HTTP ${res.statusCode}: redirects are not followed` : `HTTP ${res.statusCode}`,
        retryAfterMs: parseRetryAfter(res.retryAfter, now),
      };
    } catch (err) {
      const error = err instanceof SendError ? err.message : "the request failed";
      return { result: "retry", statusCode: null, error, retryAfterMs: null };
    }
  }
}
