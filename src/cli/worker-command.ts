// `idc-sync worker`: takes sync jobs from the queue (PostgreSQL) and runs them, each in its own
// thread with a heap limit; serves no HTTP (but Prometheus metrics with --metrics-port). SIGTERM
// or Ctrl-C: no more jobs; running syncs are aborted with nothing committed and their jobs go
// back to the queue for another worker.
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import pino from "pino";
import { JobQueue } from "../scheduler/job-queue.js";
import { Metrics } from "../scheduler/metrics.js";
import { QueueWorker } from "../scheduler/queue-worker.js";
import { recordFinishedJob } from "../scheduler/queue-service.js";
import { startNotificationDispatch } from "../scheduler/notify-dispatch.js";
import type { NotificationDispatch } from "../notify/delivery-loop.js";
import { runSyncInThread } from "../scheduler/sync-thread-runner.js";
import { isPostgresUrl, openStore } from "../store/open-store.js";
import type { Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";
import { argsErrorMessage, intOption, UsageError } from "./store-cli.js";

const HELP = `Usage: idc-sync worker [options]

Runs sync jobs from the queue until Ctrl-C or SIGTERM (then running syncs are aborted, nothing
half-done is committed, and their jobs go back to the queue). Needs DATABASE_URL (PostgreSQL);
start any number of workers beside one or more 'idc-sync start --no-worker'.

Options:
  --concurrency N    syncs run at once, each in its own thread (default: IDC_SYNC_WORKER_CONCURRENCY, else 2)
  --metrics-port N   serve Prometheus metrics at http://127.0.0.1:N/metrics (default: none)
  -h, --help         this help

Each sync's thread may use IDC_SYNC_SYNC_MEMORY_MB of heap (default 1024); one organization runs
at most IDC_SYNC_ORG_CONCURRENCY syncs at once across all workers (default 2).
`;

export const workerCommand: Command = async (args, ctx) => {
  let concurrency: number;
  let metricsPort: number | undefined;
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        concurrency: { type: "string" },
        "metrics-port": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help === true) {
      ctx.stdout.write(HELP);
      return EXIT_OK;
    }
    concurrency = intOption("concurrency", values.concurrency, ctx.config.queue.workerConcurrency, 256);
    metricsPort =
      values["metrics-port"] === undefined
        ? undefined
        : intOption("metrics-port", values["metrics-port"], 0, 65535, 0);
    const url = ctx.config.databaseUrl;
    if (url === undefined || !isPostgresUrl(url)) {
      throw new UsageError(
        "a worker needs the job queue on PostgreSQL: set DATABASE_URL=postgres://...; on SQLite, 'idc-sync start' runs the syncs itself",
      );
    }
  } catch (err) {
    const message = err instanceof UsageError ? err.message : argsErrorMessage(err);
    ctx.stderr.write(`idc-sync worker: ${message}; see 'idc-sync worker --help'\n`);
    return EXIT_USAGE;
  }
  const url = ctx.config.databaseUrl as string;
  const log = pino({ level: ctx.config.logLevel }, ctx.stderr as pino.DestinationStream);
  let store;
  let queue;
  try {
    store = await openStore({ databaseUrl: url, maxConnections: 4 });
    queue = await JobQueue.open({
      connectionString: url,
      config: ctx.config.queue,
      onError: (err) => log.warn({ err: err.message }, "job queue error"),
    });
  } catch (err) {
    await store?.close();
    ctx.stderr.write(`idc-sync worker: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  }
  const theQueue = queue;
  const metrics = new Metrics({ queueDepth: () => theQueue.depth() });
  const threadOptions = {
    config: {
      dataDir: ctx.config.dataDir,
      databaseUrl: url,
      leaseMs: ctx.config.syncLeaseMs,
      app: ctx.config,
    },
    memoryMb: ctx.config.syncMemoryMb,
    store,
  };
  let notifications: NotificationDispatch | null = null;
  const worker = new QueueWorker({
    queue,
    concurrency,
    execute: (request, hooks) => runSyncInThread(threadOptions, request, hooks),
    log,
    control: store,
    onFinished: (outcome, seconds, request) => {
      void recordFinishedJob(metrics, store, outcome, seconds, request.organizationId);
      // A committed sync's events wait in the outbox: ask for a drain now, not at the next poll.
      if (outcome.state === "succeeded") notifications?.kick();
    },
  });
  const server =
    metricsPort === undefined
      ? null
      : createServer((req, res) => {
          if (req.url !== "/metrics") {
            res.writeHead(404).end();
            return;
          }
          metrics.text().then(
            (text) => res.writeHead(200, { "content-type": metrics.contentType() }).end(text),
            () => res.writeHead(500).end(),
          );
        });
  try {
    if (server !== null)
      await new Promise<void>((resolve) => server.listen(metricsPort, "127.0.0.1", resolve));
    await worker.start();
    // Notification deliveries are jobs too (idc-sync-notify): this worker takes them.
    notifications = await startNotificationDispatch({
      store,
      settings: ctx.config.notify,
      log,
      boss: queue.boss,
      worker: true,
    });
    ctx.stdout.write(`idc-sync worker: taking sync jobs, ${concurrency} at a time\n`);
    await new Promise<void>((resolve) => {
      if (ctx.stopSignal.aborted) resolve();
      else ctx.stopSignal.addEventListener("abort", () => resolve(), { once: true });
    });
    ctx.stderr.write(
      "idc-sync worker: stopping (running syncs are aborted; their jobs go back to the queue)\n",
    );
    return EXIT_OK;
  } catch (err) {
    ctx.stderr.write(`idc-sync worker: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    await notifications?.close();
    await worker.stop();
    await queue.stop({ graceful: true });
    server?.close();
    await store.close();
  }
};
