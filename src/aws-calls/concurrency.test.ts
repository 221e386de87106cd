import { describe, expect, it } from "vitest";
import { allSettledOrThrow, forEachConcurrent, mapConcurrent } from "./concurrency.js";

/** A task that resolves when the test says so, recording how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const waiting: (() => void)[] = [];
  return {
    get peak() {
      return peak;
    },
    get running() {
      return running;
    },
    async run<T>(value: T): Promise<T> {
      running++;
      peak = Math.max(peak, running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      return value;
    },
    releaseAll(): number {
      const n = waiting.length;
      waiting.splice(0).forEach((r) => r());
      return n;
    },
  };
}

async function drain(g: ReturnType<typeof gate>, done: () => boolean): Promise<void> {
  while (!done()) {
    await new Promise((r) => setImmediate(r));
    g.releaseAll();
  }
}

describe("mapConcurrent", () => {
  it("keeps input order and never exceeds the limit", async () => {
    const g = gate();
    let finished = false;
    const p = mapConcurrent([1, 2, 3, 4, 5, 6, 7], 3, (x) => g.run(x * 10)).finally(() => (finished = true));
    await drain(g, () => finished);
    expect(await p).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(g.peak).toBe(3);
  });

  it("pulls an async iterable one item at a time", async () => {
    let pulls = 0;
    let concurrentPulls = 0;
    async function* pages() {
      for (let i = 0; i < 5; i++) {
        concurrentPulls = Math.max(concurrentPulls, ++pulls);
        await new Promise((r) => setImmediate(r));
        pulls--;
        yield i;
      }
    }
    const seen = await mapConcurrent(pages(), 4, (x) => Promise.resolve(x));
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(concurrentPulls).toBe(1);
  });

  it("after a failure starts nothing new, awaits running calls, then throws the first error", async () => {
    const started: number[] = [];
    let running = 0;
    const err = new Error("boom");
    const p = forEachConcurrent([1, 2, 3, 4, 5, 6], 2, async (x) => {
      started.push(x);
      running++;
      await new Promise((r) => setImmediate(r));
      running--;
      if (x === 2) throw err;
      if (x === 3) throw new Error("later");
    });
    await expect(p).rejects.toBe(err);
    expect(running).toBe(0);
    expect(started).toEqual([1, 2, 3]);
  });

  it("stops at an abort and throws its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop");
    const started: number[] = [];
    const p = forEachConcurrent(
      [1, 2, 3, 4],
      1,
      async (x) => {
        started.push(x);
        if (x === 2) controller.abort(reason);
        await Promise.resolve();
      },
      { signal: controller.signal },
    );
    await expect(p).rejects.toBe(reason);
    expect(started).toEqual([1, 2]);
  });

  it("rejects a limit below one", async () => {
    await expect(forEachConcurrent([1], 0, () => Promise.resolve())).rejects.toThrow(RangeError);
  });
});

describe("allSettledOrThrow", () => {
  it("waits for every promise before throwing the first rejection", async () => {
    let resolveSlow: (n: number) => void = () => undefined;
    let rejectLater: (e: Error) => void = () => undefined;
    const slow = new Promise<number>((r) => (resolveSlow = r));
    const later = new Promise<number>((_, reject) => (rejectLater = reject));
    const first = new Error("first");
    let settled = false;
    const p = allSettledOrThrow([slow, Promise.reject(first), later]).finally(() => (settled = true));
    await new Promise((r) => setImmediate(r));
    rejectLater(new Error("second"));
    await new Promise((r) => setImmediate(r));
    expect(settled).toBe(false);
    resolveSlow(1);
    await expect(p).rejects.toBe(first);
  });

  it("returns the values in order", async () => {
    await expect(allSettledOrThrow([Promise.resolve(1), Promise.resolve("a")])).resolves.toEqual([1, "a"]);
  });
});
