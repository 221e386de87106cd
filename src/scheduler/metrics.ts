// Prometheus metrics (prom-client, the Node ecosystem's standard client): syncs by outcome and
// their duration, AWS calls and throttles, and the job queue's depth and oldest job, scraped at
// /metrics. Syncs are counted by the process that ran them (the service, or a worker's own
// metrics port); the queue's figures are read from the database at scrape time, so any process
// gives the whole queue's.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { QueueDepth } from "./job-queue.js";

export interface SyncMetricsSample {
  /** succeeded | failed | needs_confirmation | aborted | cancelled | sync_memory_limit ... */
  outcome: string;
  seconds: number;
  callsByAction?: Record<string, number>;
  throttles?: number;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly syncs: Counter<"outcome">;
  private readonly duration: Histogram<"outcome">;
  private readonly calls: Counter<"action">;
  private readonly throttles: Counter;

  constructor(options: { queueDepth?: () => Promise<QueueDepth> } = {}) {
    collectDefaultMetrics({ register: this.registry, prefix: "idc_sync_" });
    this.syncs = new Counter({
      name: "idc_sync_syncs_total",
      help: "Syncs run by this process, by outcome",
      labelNames: ["outcome"],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: "idc_sync_sync_duration_seconds",
      help: "How long syncs run by this process took, by outcome",
      labelNames: ["outcome"],
      // From a small organization's seconds to a 100,000-user one's quarter hour.
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 900, 1800, 3600],
      registers: [this.registry],
    });
    this.calls = new Counter({
      name: "idc_sync_aws_calls_total",
      help: "AWS API calls made by this process's syncs, by action",
      labelNames: ["action"],
      registers: [this.registry],
    });
    this.throttles = new Counter({
      name: "idc_sync_aws_throttles_total",
      help: "AWS throttling answers this process's syncs got (each retried after a wait)",
      registers: [this.registry],
    });
    const depth = options.queueDepth;
    if (depth !== undefined) {
      // One read per scrape feeds both gauges.
      let last: Promise<QueueDepth> | null = null;
      const read = (): Promise<QueueDepth> =>
        (last ??= depth().finally(() => setImmediate(() => (last = null))));
      new Gauge({
        name: "idc_sync_queue_jobs",
        help: "Sync jobs in the queue, by state (queued includes those waiting for a retry)",
        labelNames: ["state"],
        registers: [this.registry],
        async collect() {
          const d = await read();
          this.set({ state: "queued" }, d.queued);
          this.set({ state: "active" }, d.active);
          this.set({ state: "failed" }, d.failed);
        },
      });
      new Gauge({
        name: "idc_sync_queue_oldest_job_seconds",
        help: "Age of the oldest queued sync job (0: none queued)",
        registers: [this.registry],
        async collect() {
          this.set((await read()).oldestQueuedSeconds);
        },
      });
    }
  }

  recordSync(sample: SyncMetricsSample): void {
    this.syncs.inc({ outcome: sample.outcome });
    this.duration.observe({ outcome: sample.outcome }, sample.seconds);
    for (const [action, n] of Object.entries(sample.callsByAction ?? {})) this.calls.inc({ action }, n);
    if (sample.throttles !== undefined && sample.throttles > 0) this.throttles.inc(sample.throttles);
  }

  contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
