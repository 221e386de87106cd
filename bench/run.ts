// npm run bench [-- --sizes S,M,L] [--json] [--skip-naive] [--budget-rate N] [--sync-heap-mb N]
//   [--sync-node-options="..."] [--unthrottled] [--progress SECONDS] [--without-findings]
// npm run bench -- --tenants [...]: the scale-out benchmark, see bench/tenants.ts.
// npm run bench -- --activity [--sizes M] [--activity-users N] [--activity-rate R] [--activity-turn-seconds N]
//   [--activity-minutes M]: the first 90-day sign-in backfill (a first sync, then turns), see bench/activity.ts.
//
// Full syncs through the real AWS SDK against the sandbox under AWS-like conditions (40 ms per
// call; Identity Store 20 requests/s per API, SSO Admin 20/s for all its APIs, Organizations
// 10/s), at three sizes (bench/sizes.ts). Per size: calls per quota bucket, the cheapest plan's
// calls, the quota floor, wall time and its ratio to the floor, peak RSS, commit time, a re-sync
// of the unchanged organization (no latency, no limits: must record no changes and read the same
// snapshot as the throttled run), and on S and M a naive sequential baseline.
//
// Three processes per size: the sandbox, the measured sync (its peak RSS is its own), the naive
// baseline. --budget-rate N runs the sync with Identity Store and SSO budgets at N/s instead of
// the engine's defaults; the sync process runs with the service's V8 flags (bin/idc-sync.js's
// first line: heap limit 1024 MB, 16 MB semi-spaces); --sync-heap-mb N sets its heap limit instead
// (0: Node's own default); --sync-node-options="..." passes node options to the sync process
// after the service's (e.g. --max-semi-space-size=64, or a heap snapshot near the limit); --unthrottled runs the first sync without latency or limits too: a quick look at memory and
// commit time (its wall-time figures then mean nothing; no naive baseline). --without-findings runs
// the syncs without evaluating findings, to measure what findings add (compare with a run without it).
// BENCH_MEMORY_DETAIL=1 in the environment: the sync process prints where its memory is (bench/timed-store.ts).
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { startChild } from "./child-process.js";
import type { NaiveResult } from "./naive-read.js";
import type { NaiveTask } from "./naive-child.js";
import { formatSize, sizeReport, type SizeReport } from "./report.js";
import type { SandboxReady, SandboxTask } from "./sandbox-child.js";
import { parseSizes, type BenchSize } from "./sizes.js";
import type { SyncResult, SyncTask } from "./sync-child.js";
import { runTenants } from "./tenants.js";
import { DEFAULT_ACTIVITY_TURN_SECONDS, runActivityBench } from "./activity.js";
import { serviceHeapMb, serviceNodeFlags } from "./service-flags.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "S,M,L" },
    json: { type: "boolean", default: false },
    "skip-naive": { type: "boolean", default: false },
    "budget-rate": { type: "string" },
    progress: { type: "string", default: "30" },
    "sync-heap-mb": { type: "string" },
    unthrottled: { type: "boolean", default: false },
    "sync-node-options": { type: "string" },
    "without-findings": { type: "boolean", default: false },
    tenants: { type: "boolean", default: false },
    connections: { type: "string", default: "200" },
    users: { type: "string", default: "1000" },
    window: { type: "string", default: "90" },
    workers: { type: "string", default: "1,2,4" },
    concurrency: { type: "string", default: "4" },
    "commit-size": { type: "string", default: "L" },
    activity: { type: "boolean", default: false },
    "activity-users": { type: "string" },
    "activity-rate": { type: "string", default: "2" },
    "activity-turn-seconds": { type: "string" },
    "activity-minutes": { type: "string" },
  },
});

function positive(name: string, text: string): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && v >= 0))
    throw new Error(`--${name}: expected a number of at least 0, got '${text}'`);
  return v;
}

if (values.activity) {
  const optional = (name: "activity-users" | "activity-minutes" | "activity-turn-seconds") => {
    const text = values[name];
    return text === undefined ? undefined : positive(name, text);
  };
  const rate = positive("activity-rate", values["activity-rate"]);
  const turnSeconds = optional("activity-turn-seconds") ?? DEFAULT_ACTIVITY_TURN_SECONDS;
  if (rate === 0 || turnSeconds === 0)
    throw new Error("--activity-rate and --activity-turn-seconds must be above 0");
  await runActivityBench({
    sizes: values.sizes === "S,M,L" ? "M" : values.sizes,
    users: optional("activity-users"),
    rate,
    turnSeconds,
    minutes: optional("activity-minutes"),
    json: values.json,
  });
  process.exit(0);
}

if (values.tenants) {
  // The scale-out benchmark (bench/tenants.ts): syncs per hour by workers, event loop during a commit.
  await runTenants(
    {
      connections: positive("connections", values.connections),
      users: positive("users", values.users),
      windowSeconds: positive("window", values.window),
      workers: values.workers.split(",").map((w) => positive("workers", w)),
      concurrency: positive("concurrency", values.concurrency),
      commitSize: values["commit-size"],
    },
    values.json,
  );
  process.exit(0);
}

const sizes = parseSizes(values.sizes);
const budgetRate =
  values["budget-rate"] === undefined ? undefined : positive("budget-rate", values["budget-rate"]);
const progressEvery = positive("progress", values.progress);
/** The V8 flags bin/idc-sync.js and `npm start` give the service (see the comment there). */
const SERVICE_FLAGS = serviceNodeFlags();
const SERVICE_HEAP_MB = serviceHeapMb(SERVICE_FLAGS);
const heapCapFlag =
  values["sync-heap-mb"] === undefined ? SERVICE_HEAP_MB : positive("sync-heap-mb", values["sync-heap-mb"]);
const heapCapMb = heapCapFlag === 0 ? undefined : heapCapFlag;
const log = (line: string) => process.stderr.write(`${line}\n`);

async function benchSize(size: BenchSize): Promise<SizeReport> {
  log(`[${size.name}] generating and serving the organization`);
  const sandbox = startChild<SandboxTask, SandboxReady>("./sandbox-child.ts", { generate: size.generate });
  try {
    const ready = await sandbox.result;
    log(
      `[${size.name}] ready in ${ready.generateSeconds.toFixed(1)} s; cheapest plan ${ready.plans[0]?.total} calls, ` +
        `floor ${ready.plans[0]?.floor.seconds.toFixed(0)} s; syncing`,
    );
    const task: SyncTask = {
      label: size.name,
      connect: ready.connect,
      progressEvery,
      unthrottled: values.unthrottled,
      findings: !values["without-findings"],
      ...(heapCapMb === undefined ? {} : { heapCapMb }),
      ...(budgetRate === undefined ? {} : { budgetRates: { identitystore: budgetRate, sso: budgetRate } }),
    };
    const syncChild = startChild<SyncTask, SyncResult>("./sync-child.ts", task, {
      ...(heapCapMb === undefined ? {} : { heapCapMb }),
      // The service's other flags first (the heap limit is heapCapMb); the command line's win.
      nodeOptions: [
        ...SERVICE_FLAGS.filter((f) => !f.startsWith("--max-old-space-size=")),
        ...(values["sync-node-options"] ?? "").split(" ").filter((o) => o !== ""),
      ],
    });
    const sync = await syncChild.result;
    await syncChild.close();
    let naive: NaiveResult | null = null;
    if (size.naive && !values["skip-naive"] && !values.unthrottled) {
      log(`[${size.name}] sync read in ${sync.first.readSeconds} s; naive baseline`);
      const naiveChild = startChild<NaiveTask, NaiveResult>("./naive-child.ts", { connect: ready.connect });
      naive = await naiveChild.result;
      await naiveChild.close();
    }
    return sizeReport(size.name, ready, sync, naive, !values.unthrottled);
  } finally {
    await sandbox.close();
  }
}

const startedAt = new Date().toISOString();
const load = loadavg()[0] ?? 0;
const reports: SizeReport[] = [];
for (const size of sizes) {
  const report = await benchSize(size);
  reports.push(report);
  if (!values.json) process.stdout.write(formatSize(report));
}
const environment = {
  startedAt,
  finishedAt: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverageAtStart: Math.round(load * 10) / 10,
  loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  budgetRate: budgetRate ?? "engine default",
  conditions: values.unthrottled ? "unthrottled (wall-time figures void)" : "AWS-like",
  findings: values["without-findings"] ? "off" : "on",
};
if (values.json) {
  process.stdout.write(`${JSON.stringify({ environment, sizes: reports })}\n`);
} else {
  process.stdout.write(
    `\n${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverageAtStart} -> ` +
      `${environment.loadAverageAtEnd}; budget ${environment.budgetRate}; ${environment.conditions}\n`,
  );
}
const missed = reports.flatMap((r) =>
  Object.entries(r.targets)
    .filter(([, ok]) => ok === false)
    .map(([k]) => `${r.size} ${k}`),
);
if (missed.length > 0) log(`targets missed: ${missed.join(", ")}`);
