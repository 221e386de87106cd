// `idc-sync jobs`: the sync job queue (PostgreSQL): queued, active and failed jobs with their
// connection and age, newest first.
import { isPostgresUrl } from "../store/open-store.js";
import { JobQueue, type JobRow } from "../scheduler/job-queue.js";
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import { intOption, runStoreCommand, table, UsageError, writeJson } from "./store-cli.js";

const HELP = `Usage: idc-sync jobs [options]

Lists the sync jobs of the queue (PostgreSQL only): queued (including those waiting for a
retry), active and failed ones, with their connection, why they were queued and their age.

Options:
  --all         completed and cancelled jobs too (as long as the queue keeps them)
  --limit N     at most N jobs (default 200)
  --json        machine output
  -h, --help    this help

The queue is in DATABASE_URL's database, schema IDC_SYNC_QUEUE_SCHEMA (default idc_sync_queue).
`;

const OPTIONS = {
  all: { type: "boolean" },
  limit: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function age(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

export const jobsCommand: Command = (args, ctx) =>
  runStoreCommand("jobs", HELP, args, ctx, OPTIONS, async ({ values, positionals }, open) => {
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'; run 'idc-sync jobs --help'`);
    const limit = intOption("limit", values.limit, 200, 10_000);
    const url = ctx.config.databaseUrl;
    if (url === undefined || !isPostgresUrl(url)) {
      throw new UsageError(
        "sync jobs are queued only on PostgreSQL (set DATABASE_URL); on SQLite the service runs syncs itself: 'idc-sync connections' shows their state",
      );
    }
    const store = await open();
    const queue = await JobQueue.open({ connectionString: url, config: ctx.config.queue, supervise: false });
    let jobs: JobRow[];
    try {
      jobs = await queue.list({ all: values.all === true, limit });
    } finally {
      await queue.stop({ graceful: false });
    }
    const names = new Map((await store.listAllConnections()).map((c) => [c.id, c.name]));
    if (values.json === true) {
      writeJson(
        ctx,
        jobs.map((j) => ({ ...j, connectionName: names.get(j.connectionId) ?? null })),
      );
      return EXIT_OK;
    }
    if (jobs.length === 0) {
      ctx.stdout.write("No sync jobs queued, running or failed.\n");
      return EXIT_OK;
    }
    const rows = jobs.map((j) => [
      j.state === "created" ? "queued" : j.state,
      names.get(j.connectionId) ?? j.connectionId,
      j.reason + (j.force ? " (force)" : ""),
      age(j.ageSeconds),
      String(j.retryCount),
      j.error ?? "",
    ]);
    ctx.stdout.write(table([["STATE", "CONNECTION", "REASON", "AGE", "RETRIES", "LAST ERROR"], ...rows]));
    return EXIT_OK;
  });
