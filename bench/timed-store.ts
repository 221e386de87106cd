// A FullStore that adds up the time spent in each of its methods and notes the process's memory as
// each call starts and ends, so the benchmark can say how long the diff's loads and the commit
// took, and how much memory each stage held, without touching the runner.
import type { FullStore } from "../src/store/store.js";

export interface Memory {
  rssMb: number;
  heapUsedMb: number;
}

import { readFileSync } from "node:fs";
import { getHeapSpaceStatistics } from "node:v8";

let lastDetail = 0;
/**
 * BENCH_MEMORY_DETAIL=1: where the RSS is, on stderr, at most every 200 ms (at each store call and
 * commit batch): the heap's committed and used MB per V8 space, V8's external memory, and the
 * process's anonymous against file-backed RSS (Linux). Anonymous RSS well above the heap's total is
 * native memory: SQLite, or glibc keeping freed memory.
 */
function detail(): void {
  const t = Date.now();
  if (t - lastDetail < 200) return;
  lastDetail = t;
  const m = process.memoryUsage();
  const mb = (n: number) => Math.round(n / 1e6);
  const spaces = getHeapSpaceStatistics()
    .map((s) => `${s.space_name.replace("_space", "")}=${mb(s.space_size)}/${mb(s.space_used_size)}`)
    .join(" ");
  const roll = readFileSync("/proc/self/smaps_rollup", "utf8");
  const pick = (k: string) => mb(Number(new RegExp(`^${k}:\\s+(\\d+)`, "m").exec(roll)?.[1] ?? 0) * 1024);
  process.stderr.write(
    `[mem] rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} used=${mb(m.heapUsed)} ext=${mb(m.external)} ab=${mb(m.arrayBuffers)} anon=${pick("Anonymous")} file=${pick("Rss") - pick("Anonymous")} | ${spaces}\n`,
  );
}

export function memoryNow(): Memory {
  if (process.env["BENCH_MEMORY_DETAIL"] === "1") detail();
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
