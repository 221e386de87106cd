// The AWS SDK retry strategy of a sync (the SDK's RetryStrategyV2): many attempts with exponential
// backoff, at least as long as AWS's Retry-After, abortable, so that throttling slows a sync down
// instead of failing it. What is worth a retry is decided by the caller's `kindOf` (the connector's
// error classifier), not by HTTP status: sso-admin throttles with HTTP 400.
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";

/** Why a failed attempt may be retried; undefined: it may not. */
export type RetryKind = "throttle" | "transient" | undefined;

/** How SdkRetryStrategy decides and waits. */
export interface RetryStrategyOptions {
  /** Classifies a failed attempt's error. */
  kindOf: (err: unknown) => RetryKind;
  /** The wait AWS asked for, if any. */
  retryAfterMs?: ((err: unknown) => number | undefined) | undefined;
  /** Attempts per call, the first included. Default 8. */
  maxAttempts?: number;
  /** Backoff base after server and network failures. Default 100 ms. */
  baseDelayMs?: number;
  /** Backoff base after throttling. Default 1000 ms. */
  throttleBaseDelayMs?: number;
  /** Cap of the exponential backoff. Default 20 s. */
  maxDelayMs?: number;
  /** Cap of an honoured Retry-After. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Ends waiting between attempts (the call then fails with its last error). */
  signal?: AbortSignal | undefined;
  /** In [0, 1); injectable for tests. */
  random?: () => number;
  /** Sleeps; injectable for tests. Must reject when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
}

class Token implements RetryToken {
  readonly $retryLog: { acquisitionDelay: number };
  constructor(
    readonly count: number,
    delayMs: number,
  ) {
    this.$retryLog = { acquisitionDelay: delayMs };
  }
  getRetryCount(): number {
    return this.count;
  }
  /** Zero: the strategy has already slept (abortably) when it hands out the token. */
  getRetryDelay(): number {
    return 0;
  }
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("aborted"));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error("aborted"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Retries throttling and passing failures with backoff honouring Retry-After; one per client is fine. */
export class SdkRetryStrategy implements RetryStrategyV2 {
  readonly maxAttempts: number;
  readonly #o: Required<Omit<RetryStrategyOptions, "signal" | "retryAfterMs">> &
    Pick<RetryStrategyOptions, "signal" | "retryAfterMs">;

  constructor(options: RetryStrategyOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 8);
    this.#o = {
      kindOf: options.kindOf,
      retryAfterMs: options.retryAfterMs,
      maxAttempts: this.maxAttempts,
      baseDelayMs: options.baseDelayMs ?? 100,
      throttleBaseDelayMs: options.throttleBaseDelayMs ?? 1000,
      maxDelayMs: options.maxDelayMs ?? 20_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
      signal: options.signal,
      random: options.random ?? Math.random,
      sleep: options.sleep ?? abortableSleep,
    };
  }

  acquireInitialRetryToken(_scope: string): Promise<RetryToken> {
    return Promise.resolve(new Token(0, 0));
  }

  /** Sleeps the backoff and returns the next token, or rejects: no retry (the SDK then throws the error). */
  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    const kind = this.kind(info);
    if (kind === undefined || retries + 1 >= this.maxAttempts || this.#o.signal?.aborted === true) {
      throw new Error("no retry");
    }
    const delay = this.delayMs(kind, retries, info);
    await this.#o.sleep(delay, this.#o.signal);
    return new Token(retries + 1, delay);
  }

  recordSuccess(_token: RetryToken): void {}

  /** The wait before retry number `retries + 1`: jittered exponential backoff, at least Retry-After. */
  delayMs(kind: Exclude<RetryKind, undefined>, retries: number, info: RetryErrorInfo): number {
    const base = kind === "throttle" ? this.#o.throttleBaseDelayMs : this.#o.baseDelayMs;
    const backoff = Math.min(this.#o.maxDelayMs, base * 2 ** retries) * (0.5 + 0.5 * this.#o.random());
    const fromError = info.error === undefined ? undefined : this.#o.retryAfterMs?.(info.error);
    const asked = fromError ?? hintMs(info.retryAfterHint);
    const honoured = asked === undefined ? 0 : Math.min(this.#o.maxRetryAfterMs, asked);
    return Math.round(Math.max(backoff, honoured));
  }

  private kind(info: RetryErrorInfo): RetryKind {
    if (info.error !== undefined) return this.#o.kindOf(info.error);
    if (info.errorType === "THROTTLING") return "throttle";
    return info.errorType === "TRANSIENT" ? "transient" : undefined;
  }
}

function hintMs(hint: Date | undefined): number | undefined {
  return hint === undefined ? undefined : Math.max(0, hint.getTime() - Date.now());
}
