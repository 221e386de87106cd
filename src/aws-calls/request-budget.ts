// The request budget of one connection's sync, shared by all its AWS clients: AWS's quotas are per
// account (sso-admin: 20 TPS collectively; Identity Store: 20 TPS per API), so every call of the
// sync draws from the same token buckets, set below the quotas. Throttling halves a bucket's rate
// and pauses it for the Retry-After; successes let it grow back to the configured rate (AIMD).

/** Time and timers, injectable so that tests run on a fake clock without sleeping. */
export interface BudgetClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The process clock. */
export const systemClock: BudgetClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Requests per second for each bucket family (a bucket's family is its name up to the first ":"). */
export interface BudgetRates {
  /** Per Identity Store action (AWS: 20 TPS per API). */
  identitystore: number;
  /** All sso-admin actions together (AWS: 20 TPS collectively). */
  sso: number;
  /** All Organizations actions together (AWS publishes no figure). */
  organizations: number;
  sts: number;
  /** CloudTrail LookupEvents (AWS: 2 TPS per account and region). */
  cloudtrail: number;
  /** Any other bucket. */
  other: number;
}

/**
 * Just below AWS's quotas (20 TPS): a sync of a large instance takes as long as its busiest quota
 * allows, so every request per second below the quota costs 5% of that time (issue 7's target is
 * 1.1x the quota's floor). Throttling, e.g. by the customer's own tools sharing the quota, halves
 * a bucket's rate and it grows back (AIMD), so the margin need not be wide.
 */
export const DEFAULT_BUDGET_RATES: Readonly<BudgetRates> = {
  identitystore: 19,
  sso: 19,
  organizations: 8,
  sts: 5,
  // Just below LookupEvents' 2 TPS, as the others sit just below theirs.
  cloudtrail: 1.9,
  other: 5,
};

/** All optional; the defaults suit a real AWS account. */
export interface RequestBudgetOptions {
  rates?: Partial<BudgetRates>;
  /** Tokens a bucket may save up: how many calls may go at once after a quiet spell. Default 2. */
  burst?: number;
  /** False turns the budget off: acquire() never waits (for tests). Default true. */
  enabled?: boolean;
  /** Floor of a slowed-down bucket, requests per second. Default 0.5. */
  minRate?: number;
  /** Rate multiplier on throttling. Default 0.5. */
  decreaseFactor?: number;
  /** Throttles within this long after a decrease do not decrease again (one event, many calls). Default 1000. */
  decreaseCooldownMs?: number;
  /** Share of the configured rate regained per successful call. Default 0.01 (from half: ~50 calls). */
  recoveryPerSuccess?: number;
  /** Longest pause a Retry-After may impose. Default 60000. */
  maxPauseMs?: number;
  clock?: BudgetClock;
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

interface Bucket {
  readonly configuredRate: number;
  rate: number;
  tokens: number;
  /** Tokens are counted up to this time; in the future while the bucket is paused. */
  last: number;
  lastDecrease: number;
  queue: Waiter[];
  timer: unknown;
}

/** A bucket's state, for logs and tests. */
export interface BucketState {
  configuredRate: number;
  rate: number;
  waiting: number;
}

/** A token, less a rounding error: refills computed at timer time must not miss by a hair. */
const ONE_TOKEN = 1 - 1e-9;

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
}

/** Token buckets per quota bucket (see quotaBucketOf), one instance per connection sync. */
export class RequestBudget {
  readonly #rates: BudgetRates;
  readonly #burst: number;
  readonly #enabled: boolean;
  readonly #minRate: number;
  readonly #decreaseFactor: number;
  readonly #cooldownMs: number;
  readonly #recovery: number;
  readonly #maxPauseMs: number;
  readonly #clock: BudgetClock;
  readonly #buckets = new Map<string, Bucket>();

  constructor(options: RequestBudgetOptions = {}) {
    this.#rates = { ...DEFAULT_BUDGET_RATES, ...options.rates };
    this.#burst = Math.max(1, options.burst ?? 2);
    this.#enabled = options.enabled ?? true;
    this.#minRate = options.minRate ?? 0.5;
    this.#decreaseFactor = options.decreaseFactor ?? 0.5;
    this.#cooldownMs = options.decreaseCooldownMs ?? 1000;
    this.#recovery = options.recoveryPerSuccess ?? 0.01;
    this.#maxPauseMs = options.maxPauseMs ?? 60_000;
    this.#clock = options.clock ?? systemClock;
  }

  /** Resolves when the bucket allows one more request; rejects with the signal's reason on abort. */
  acquire(bucket: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (!this.#enabled) return Promise.resolve();
    const b = this.#bucket(bucket);
    const now = this.#clock.now();
    this.#refill(b, now);
    if (b.queue.length === 0 && b.tokens >= ONE_TOKEN) {
      b.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => {
          const i = b.queue.indexOf(waiter);
          if (i >= 0) b.queue.splice(i, 1);
          reject(abortReason(signal));
          this.#schedule(b);
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      b.queue.push(waiter);
      this.#schedule(b);
    });
  }

  /** AWS throttled a call of this bucket: slow it down, and pause it for `retryAfterSeconds` if given. */
  onThrottle(bucket: string, retryAfterSeconds?: number): void {
    if (!this.#enabled) return;
    const b = this.#bucket(bucket);
    const now = this.#clock.now();
    this.#refill(b, now);
    if (now - b.lastDecrease >= this.#cooldownMs) {
      b.rate = Math.max(this.#minRate, b.rate * this.#decreaseFactor);
      b.lastDecrease = now;
    }
    b.tokens = 0;
    const pauseMs =
      retryAfterSeconds !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0
        ? Math.min(this.#maxPauseMs, retryAfterSeconds * 1000)
        : 0;
    b.last = Math.max(b.last, now + pauseMs);
    this.#schedule(b);
  }

  /** A call of this bucket succeeded: regain a little of the configured rate. */
  onSuccess(bucket: string): void {
    if (!this.#enabled) return;
    const b = this.#bucket(bucket);
    if (b.rate >= b.configuredRate) return;
    this.#refill(b, this.#clock.now());
    b.rate = Math.min(b.configuredRate, b.rate + b.configuredRate * this.#recovery);
    if (b.queue.length > 0) this.#schedule(b);
  }

  /** The bucket's current state (a bucket not used yet reports its configured rate). */
  state(bucket: string): BucketState {
    const b = this.#bucket(bucket);
    return { configuredRate: b.configuredRate, rate: b.rate, waiting: b.queue.length };
  }

  #bucket(name: string): Bucket {
    let b = this.#buckets.get(name);
    if (b === undefined) {
      const rate = this.#configuredRate(name);
      b = {
        configuredRate: rate,
        rate,
        tokens: this.#burst,
        last: this.#clock.now(),
        lastDecrease: Number.NEGATIVE_INFINITY,
        queue: [],
        timer: undefined,
      };
      this.#buckets.set(name, b);
    }
    return b;
  }

  #configuredRate(name: string): number {
    const family = name.split(":")[0] ?? name;
    const rate = family in this.#rates ? this.#rates[family as keyof BudgetRates] : this.#rates.other;
    if (!(rate > 0)) throw new RangeError(`request budget: rate of "${family}" must be above 0`);
    return rate;
  }

  #refill(b: Bucket, now: number): void {
    if (now <= b.last) return;
    b.tokens = Math.min(this.#burst, b.tokens + ((now - b.last) / 1000) * b.rate);
    b.last = now;
  }

  /** Hands out what tokens there are, then sets one timer for the next token if anyone waits. */
  #schedule(b: Bucket): void {
    if (b.timer !== undefined) {
      this.#clock.clearTimeout(b.timer);
      b.timer = undefined;
    }
    const now = this.#clock.now();
    this.#refill(b, now);
    while (b.queue.length > 0 && b.tokens >= ONE_TOKEN) {
      const waiter = b.queue.shift() as Waiter;
      b.tokens -= 1;
      if (waiter.signal !== undefined && waiter.onAbort !== undefined) {
        waiter.signal.removeEventListener("abort", waiter.onAbort);
      }
      waiter.resolve();
    }
    if (b.queue.length === 0) return;
    const readyAt = Math.max(now, b.last) + ((1 - b.tokens) / b.rate) * 1000;
    b.timer = this.#clock.setTimeout(
      () => {
        b.timer = undefined;
        this.#schedule(b);
      },
      Math.max(1, Math.ceil(readyAt - now)),
    );
  }
}
