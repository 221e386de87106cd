// A Store that adds up the time spent in each of its methods, so the benchmark can say how long
// the diff's loads and the commit took without touching the runner.
import type { Store } from "../src/store/store.js";

export interface StoreTimes {
  /** Milliseconds per method name since the last reset. */
  ms: Record<string, number>;
  reset(): void;
}

export function timedStore(store: Store): { store: Store; times: StoreTimes } {
  const times: StoreTimes = {
    ms: {},
    reset() {
      this.ms = {};
    },
  };
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== "function" || typeof key !== "string") return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const out = method.apply(target, args);
        const add = () => {
          times.ms[key] = (times.ms[key] ?? 0) + (performance.now() - t0);
        };
        if (out instanceof Promise) return out.finally(add);
        add();
        return out;
      };
    },
  });
  return { store: proxy, times };
}
