// A FullStore that adds up the time spent in each of its methods and notes the process's memory as
// each call starts and ends, so the benchmark can say how long the diff's loads and the commit
// took, and how much memory each stage held, without touching the runner.
import type { FullStore } from "../src/store/store.js";

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

export function memoryNow(): Memory {
  // With --sync-node-options=--expose-gc, figures are of live objects only (garbage collected first).
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMb: Math.round(m.rss / 1e6), heapUsedMb: Math.round(m.heapUsed / 1e6) };
}

export interface StoreTimes {
  /** Milliseconds per method name since the last reset. */
  ms: Record<string, number>;
  /** The largest memory seen at the start or end of a call, per method name. */
  memory: Record<string, Memory>;
  reset(): void;
}

/** `onCall` runs as each call starts, with the method's name. */
export function timedStore(
  store: FullStore,
  onCall?: (method: string) => void,
): { store: FullStore; times: StoreTimes } {
  const times: StoreTimes = {
    ms: {},
    memory: {},
    reset() {
      this.ms = {};
      this.memory = {};
    },
  };
  const note = (key: string) => {
    const now = memoryNow();
    const seen = times.memory[key];
    times.memory[key] = {
      rssMb: Math.max(seen?.rssMb ?? 0, now.rssMb),
      heapUsedMb: Math.max(seen?.heapUsedMb ?? 0, now.heapUsedMb),
    };
  };
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        note(key);
        onCall?.(key);
        const t0 = performance.now();
        const out = method.apply(target, args);
        const add = () => {
          times.ms[key] = (times.ms[key] ?? 0) + (performance.now() - t0);
          note(key);
        };
        if (out instanceof Promise) return out.finally(add);
        add();
        return out;
      };
    },
  });
  return { store: proxy, times };
}
