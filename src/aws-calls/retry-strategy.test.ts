import type { RetryErrorInfo } from "@smithy/types";
import { describe, expect, it } from "vitest";
import { SdkRetryStrategy } from "./retry-strategy.js";
import type { RetryKind } from "./retry-strategy.js";

const kinds: Record<string, RetryKind> = { Slow: "throttle", Flaky: "transient" };

function info(name: string, extra: Record<string, unknown> = {}): RetryErrorInfo {
  return {
    error: Object.assign(new Error(name), { name, $metadata: {}, ...extra }) as NonNullable<
      RetryErrorInfo["error"]
    >,
    errorType: "CLIENT_ERROR",
  };
}

function strategy(overrides: Partial<ConstructorParameters<typeof SdkRetryStrategy>[0]> = {}) {
  const slept: number[] = [];
  const s = new SdkRetryStrategy({
    kindOf: (err) => kinds[(err as Error).name],
    retryAfterMs: (err) => {
      const v = (err as { RetryAfterSeconds?: number }).RetryAfterSeconds;
      return v === undefined ? undefined : v * 1000;
    },
    random: () => 0.5,
    sleep: (ms) => {
      slept.push(ms);
      return Promise.resolve();
    },
    ...overrides,
  });
  return { s, slept };
}

describe("SdkRetryStrategy", () => {
  it("retries throttling up to maxAttempts with growing backoff", async () => {
    const { s, slept } = strategy({ maxAttempts: 4 });
    let token = await s.acquireInitialRetryToken("");
    for (let i = 0; i < 3; i++) token = await s.refreshRetryTokenForRetry(token, info("Slow"));
    expect(token.getRetryCount()).toBe(3);
    expect(token.getRetryDelay()).toBe(0);
    expect(slept).toEqual([750, 1500, 3000]);
    await expect(s.refreshRetryTokenForRetry(token, info("Slow"))).rejects.toThrow();
  });

  it("uses a shorter base for passing failures and caps the backoff", async () => {
    const { s, slept } = strategy({ maxAttempts: 20, maxDelayMs: 1000 });
    let token = await s.acquireInitialRetryToken("");
    for (let i = 0; i < 6; i++) token = await s.refreshRetryTokenForRetry(token, info("Flaky"));
    expect(slept).toEqual([75, 150, 300, 600, 750, 750]);
  });

  it("waits at least RetryAfterSeconds, up to its cap", async () => {
    const { s, slept } = strategy({ maxRetryAfterMs: 5000 });
    const token = await s.acquireInitialRetryToken("");
    await s.refreshRetryTokenForRetry(token, info("Slow", { RetryAfterSeconds: 3 }));
    await s.refreshRetryTokenForRetry(token, info("Slow", { RetryAfterSeconds: 30 }));
    expect(slept).toEqual([3000, 5000]);
  });

  it("does not retry what kindOf refuses", async () => {
    const { s, slept } = strategy();
    const token = await s.acquireInitialRetryToken("");
    await expect(s.refreshRetryTokenForRetry(token, info("AccessDeniedException"))).rejects.toThrow();
    expect(slept).toEqual([]);
  });

  it("falls back to the SDK's error type when there is no error object", async () => {
    const { s } = strategy();
    const token = await s.acquireInitialRetryToken("");
    expect((await s.refreshRetryTokenForRetry(token, { errorType: "THROTTLING" })).getRetryCount()).toBe(1);
    await expect(s.refreshRetryTokenForRetry(token, { errorType: "CLIENT_ERROR" })).rejects.toThrow();
  });

  it("stops retrying once the signal is aborted, and its sleep is abortable", async () => {
    const controller = new AbortController();
    const real = new SdkRetryStrategy({
      kindOf: () => "throttle",
      signal: controller.signal,
      random: () => 0,
    });
    const token = await real.acquireInitialRetryToken("");
    const waiting = real.refreshRetryTokenForRetry(token, info("Slow", { RetryAfterSeconds: 60 }));
    controller.abort();
    await expect(waiting).rejects.toThrow("aborted");
    await expect(real.refreshRetryTokenForRetry(token, info("Slow"))).rejects.toThrow();
  });
});
