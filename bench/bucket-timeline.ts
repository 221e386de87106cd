// Where the time above the floor goes: the sandbox's counters sampled once a second during the
// sync give each quota bucket's calls per second over time, so a bucket that starts late, idles
// or runs below its rate shows up in the figures.
import { byBucket, bucketRate } from "./plans.js";
import { serverCalls } from "./sandbox-admin.js";

export interface BucketUse {
  calls: number;
  /** Seconds from the start of the sync to the sample that first / last saw a call. */
  firstSecond: number;
  lastSecond: number;
  /** calls / (lastSecond - firstSecond + 1). */
  averageRate: number;
  /** Seconds between first and last with fewer than 3/4 of the bucket's AWS rate. */
  slowSeconds: number;
}

export interface Timeline {
  stop(): Promise<Record<string, BucketUse>>;
}

export function startTimeline(endpoint: string, everyMs = 1000): Timeline {
  const samples: { at: number; calls: Record<string, number> }[] = [];
  const t0 = performance.now();
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      samples.push({
        at: (performance.now() - t0) / 1000,
        calls: byBucket((await serverCalls(endpoint)).total),
      });
    } catch {
      // A missed sample only coarsens the timeline.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void sample(), everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await sample();
      const out: Record<string, BucketUse> = {};
      const buckets = new Set(samples.flatMap((s) => Object.keys(s.calls)));
      for (const bucket of buckets) {
        let prev = 0;
        let first: number | undefined;
        let last = 0;
        const perSample: { at: number; n: number; span: number }[] = [];
        let prevAt = 0;
        for (const s of samples) {
          const now = s.calls[bucket] ?? 0;
          const n = now - prev;
          if (n > 0) {
            first ??= prevAt;
            last = s.at;
          }
          perSample.push({ at: s.at, n, span: s.at - prevAt });
          prev = now;
          prevAt = s.at;
        }
        if (first === undefined) continue;
        const from = first;
        const slow = perSample
          .filter((p) => p.at > from && p.at <= last && p.n < 0.75 * bucketRate(bucket) * p.span)
          .reduce((sum, p) => sum + p.span, 0);
        out[bucket] = {
          calls: prev,
          firstSecond: Math.round(first * 10) / 10,
          lastSecond: Math.round(last * 10) / 10,
          averageRate: Math.round((prev / Math.max(1, last - first)) * 10) / 10,
          slowSeconds: Math.round(slow),
        };
      }
      return out;
    },
  };
}
