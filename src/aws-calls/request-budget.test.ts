import { describe, expect, it } from "vitest";
import { RequestBudget } from "./request-budget.js";
import type { BudgetClock } from "./request-budget.js";

/** A clock that moves only when told to, firing due timers in time order. */
class FakeClock implements BudgetClock {
  t = 0;
  #next = 0;
  readonly timers = new Map<number, { at: number; callback: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.#next;
    this.timers.set(id, { at: this.t + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      const due = [...this.timers.entries()]
        .filter(([, x]) => x.at <= end)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].callback();
    }
    this.t = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Starts `n` acquires and records the fake time at which each was granted. */
function start(budget: RequestBudget, clock: FakeClock, bucket: string, n: number, signal?: AbortSignal) {
  const granted: number[] = [];
  const promises = Array.from({ length: n }, () =>
    budget.acquire(bucket, signal).then(() => {
      granted.push(clock.now());
    }),
  );
  return { granted, promises };
}

describe("RequestBudget", () => {
  it("grants a small burst, then one call per 1/rate seconds", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, rates: { sso: 10 }, burst: 2 });
    const { granted } = start(budget, clock, "sso", 22);
    await clock.advance(0);
    expect(granted).toEqual([0, 0]);
    await clock.advance(1000);
    expect(granted).toHaveLength(12);
    await clock.advance(1000);
    expect(granted).toEqual([0, 0, ...Array.from({ length: 20 }, (_, i) => (i + 1) * 100)]);
    expect(clock.timers.size).toBe(0);
  });

  it("uses the default rates per family, one bucket per identitystore action", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock });
    expect(budget.state("identitystore:ListUsers").configuredRate).toBe(19);
    expect(budget.state("sso").configuredRate).toBe(19);
    expect(budget.state("organizations").configuredRate).toBe(8);
    expect(budget.state("sts").configuredRate).toBe(5);
    const users = start(budget, clock, "identitystore:ListUsers", 3);
    const groups = start(budget, clock, "identitystore:ListGroups", 3);
    await clock.advance(0);
    expect([users.granted.length, groups.granted.length]).toEqual([2, 2]);
    await clock.advance(56);
    expect([users.granted.length, groups.granted.length]).toEqual([3, 3]);
  });

  it("halves the rate on throttling and pauses for Retry-After", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, rates: { sso: 10 }, burst: 1 });
    await budget.acquire("sso");
    budget.onThrottle("sso", 2);
    expect(budget.state("sso").rate).toBe(5);
    const { granted } = start(budget, clock, "sso", 3);
    await clock.advance(1999);
    expect(granted).toEqual([]);
    await clock.advance(1000);
    // Paused until 2000 ms, then one call per 200 ms at the halved rate.
    expect(granted).toEqual([2200, 2400, 2600]);
  });

  it("counts many throttles of one burst as one decrease, but keeps slowing on later ones", () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, rates: { sso: 16 }, minRate: 1 });
    for (let i = 0; i < 5; i++) budget.onThrottle("sso");
    expect(budget.state("sso").rate).toBe(8);
    clock.t += 1000;
    budget.onThrottle("sso");
    expect(budget.state("sso").rate).toBe(4);
    for (let i = 0; i < 5; i++) {
      clock.t += 1000;
      budget.onThrottle("sso");
    }
    expect(budget.state("sso").rate).toBe(1);
  });

  it("recovers gradually toward the configured rate, never above it", () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, rates: { organizations: 10 }, recoveryPerSuccess: 0.1 });
    budget.onThrottle("organizations");
    expect(budget.state("organizations").rate).toBe(5);
    budget.onSuccess("organizations");
    expect(budget.state("organizations").rate).toBe(6);
    for (let i = 0; i < 20; i++) budget.onSuccess("organizations");
    expect(budget.state("organizations").rate).toBe(10);
  });

  it("speeds up waiting calls when the rate recovers", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({
      clock,
      rates: { sts: 2 },
      burst: 1,
      recoveryPerSuccess: 1,
      minRate: 0.1,
    });
    await budget.acquire("sts");
    budget.onThrottle("sts");
    budget.onThrottle("sts"); // within the cooldown: still 1/s
    const { granted } = start(budget, clock, "sts", 1);
    await clock.advance(100);
    // 0.1 token saved up at 1/s; back at 2/s the other 0.9 takes 450 ms: due at 550 ms, not 1000 ms.
    budget.onSuccess("sts");
    await clock.advance(1000);
    expect(granted).toEqual([550]);
  });

  it("rejects an aborted wait and passes its turn to the next caller", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, rates: { sso: 10 }, burst: 1 });
    await budget.acquire("sso");
    const controller = new AbortController();
    const aborted = budget.acquire("sso", controller.signal);
    const { granted } = start(budget, clock, "sso", 1);
    controller.abort(new Error("sync cancelled"));
    await expect(aborted).rejects.toThrow("sync cancelled");
    expect(budget.state("sso").waiting).toBe(1);
    await clock.advance(100);
    expect(granted).toEqual([100]);
    await expect(budget.acquire("sso", controller.signal)).rejects.toThrow("sync cancelled");
  });

  it("aborts with an AbortError when the signal has no Error reason", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, burst: 1 });
    await budget.acquire("sso");
    const controller = new AbortController();
    const waiting = budget.acquire("sso", controller.signal);
    controller.abort("stop");
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(clock.timers.size).toBe(0);
  });

  it("never waits when disabled", async () => {
    const clock = new FakeClock();
    const budget = new RequestBudget({ clock, enabled: false, rates: { sso: 1 } });
    budget.onThrottle("sso", 30);
    await Promise.all(Array.from({ length: 100 }, () => budget.acquire("sso")));
    expect(clock.timers.size).toBe(0);
  });

  it("refuses a rate of zero", () => {
    expect(() => new RequestBudget({ rates: { sso: 0 } }).state("sso")).toThrow(RangeError);
  });
});
