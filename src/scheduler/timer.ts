// The scheduler's only view of time, so tests can drive it without sleeping.

export interface Timer {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimer: Timer = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    // A pending scheduled sync must not keep a process alive that is otherwise done.
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** A timer for tests: time moves only when `advance` is called; due callbacks fire in order. */
export class ManualTimer implements Timer {
  private time: number;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(start = Date.parse("2026-11-30T12:00:00.000Z")) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.pending.set(id, { at: this.time + Math.max(0, ms), seq: id, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time forward by `ms`, firing every callback that falls due, in time order. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.pending.entries()]
        .filter(([, p]) => p.at <= target)
        .sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
      if (next === undefined) break;
      this.pending.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = target;
  }

  /** How many callbacks are waiting. */
  get size(): number {
    return this.pending.size;
  }
}
