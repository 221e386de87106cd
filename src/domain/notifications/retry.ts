// When a failed delivery is tried again: exponential backoff with jitter, never sooner than the
// receiver's Retry-After, and not at all past the event's retry deadline (then it is failed).
// Pure; the timing is injected so tests wait milliseconds, not minutes.

export interface RetryTiming {
  /** The first retry's delay (doubled on each further attempt). */
  baseMs: number;
  /** The longest delay between two attempts. */
  maxMs: number;
}

export const DEFAULT_RETRY_TIMING: RetryTiming = { baseMs: 10_000, maxMs: 60 * 60_000 };

/** The delay after failed attempt number `attempt` (1-based): half fixed, half random ("equal jitter"). */
export function retryDelayMs(
  attempt: number,
  timing: RetryTiming,
  random: () => number,
  retryAfterMs: number | null,
): number {
  const exp = Math.min(timing.maxMs, timing.baseMs * 2 ** Math.min(attempt - 1, 30));
  const jittered = Math.round(exp / 2 + (random() * exp) / 2);
  return retryAfterMs === null ? jittered : Math.max(jittered, retryAfterMs);
}

/** The next attempt's time, or null when it would fall past `retryUntil` (give up). */
export function nextAttemptAt(
  now: Date,
  attempt: number,
  retryUntil: string,
  timing: RetryTiming,
  random: () => number,
  retryAfterMs: number | null,
): string | null {
  const at = now.getTime() + retryDelayMs(attempt, timing, random, retryAfterMs);
  return at > Date.parse(retryUntil) ? null : new Date(at).toISOString();
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (value === undefined || value.trim() === "") return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, t - now.getTime());
}
