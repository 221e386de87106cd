// npm run bench -- --activity [--sizes M] [--activity-users N] [--activity-rate R]
//   [--activity-turn-seconds N] [--activity-minutes M] [--json]
//
// The first 90-day backfill of sign-in activity (issue 15): an organization of the size's shape
// where every user signs in once each working day and opens an account with a permission set half
// of those days (the sandbox's "workday" history), read as the service reads it (bench/activity-
// read.ts): a first sync from an empty cursor (CloudTrail only while its identity read lasts), then
// backfill turns of DEFAULT_TURN_MS (--activity-turn-seconds N) carrying the cursor until nothing
// is pending; through the real SDK under AWS-like conditions (40 ms a call, the quotas as AWS has
// them). Reports the first sync (wall time, LookupEvents pages, how far back it reached), then
// turns, LookupEvents calls (client pages; server calls, throttled ones; retries = server -
// client), the wall time to the last page against the floor (pages of 50 per event name at the
// rate; stopped part way, the pages of the events read), the peak RSS of the reading process (the
// sandbox runs in its own; also its RSS after the first sync and the highest after a turn: does
// memory grow with the events read?), and the truth check: the union of the reads' latest sign-in
// per user against the sandbox's.
//
// At CloudTrail's 2 requests/s the M backfill (~2M events, ~38k calls) takes about 5 hours, so:
// --activity-rate R (default 2) sets the sandbox's LookupEvents limit to R/s and the client's
// budget to 0.95 R (1.9 at 2, the default); the report gives the wall time against the floor at R
// and its projection to 2 TPS. --activity-minutes M stops the backfill after M minutes (a paced
// sample: the calls/s achieved, the share of the 90 days covered). --activity-users N replaces the
// size's user count.
import { cpus, loadavg } from "node:os";
import { DEFAULT_BUDGET_RATES } from "../src/aws-calls/request-budget.js";
import { ACTIVITY_HORIZON_DAYS, DAY_MS } from "../src/domain/activity.js";
import { DEFAULT_TURN_MS } from "../src/engine/activity-backfill.js";
import { runBackfill, type BackfillFigures, type FirstSyncFigures } from "./activity-read.js";
import { startChild } from "./child-process.js";
import { AWS_LIKE, serverCalls, startPhase } from "./sandbox-admin.js";
import type { SandboxReady, SandboxTask } from "./sandbox-child.js";
import { parseSizes } from "./sizes.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const ACTION = "cloudtrail:LookupEvents";
/** CloudTrail's LookupEvents quota, requests per second per account and region. */
const QUOTA = 2;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export interface ActivityBenchOptions {
  sizes: string;
  users: number | undefined;
  /** The sandbox's LookupEvents limit, requests per second (the client's budget is 0.95 of it). */
  rate: number;
  turnSeconds: number;
  /** Stop the backfill after this many minutes; undefined: to the end. */
  minutes: number | undefined;
  json: boolean;
}

export const DEFAULT_ACTIVITY_TURN_SECONDS = DEFAULT_TURN_MS / 1000;

export interface ActivityBenchReport {
  size: string;
  users: number;
  rate: number;
  clientRate: number;
  turnSeconds: number;
  limitMinutes: number | null;
  /** Load averages (1, 5, 15 min) at the start and end, on a machine of `cpus` cores. */
  load: { cpus: number; start: number[]; end: number[] };
  events: { total: number; byName: Record<string, number> };
  sandboxGenerateSeconds: number;
  firstSync: FirstSyncFigures;
  turns: number;
  complete: boolean;
  failure: string | null;
  counted: number;
  malformed: number;
  ignored: number;
  duplicates: number;
  clientCalls: number;
  serverCalls: number;
  serverThrottled: number;
  retries: number;
  /** ceil(events of each name / 50) summed: the fewest calls that can read them. */
  floorCalls: number;
  /** floorCalls (the events read / 50 if stopped part way) / rate: the floor at the rate used. */
  floorSeconds: number;
  wallSeconds: number;
  /** To the last LookupEvents page (the first sync's identity read can last longer). */
  readingSeconds: number;
  /** readingSeconds / floorSeconds (of the part read, when stopped by --activity-minutes). */
  ratioToFloor: number;
  callsPerSecond: number;
  /** Of the 90 days, the share every event name is read over (1 when backfilled). */
  coveredShare: number;
  knownSince: string | null;
  /** At CloudTrail's 2 TPS: the calls made at exactly 2/s, and the floor times the measured ratio. */
  at2Tps: { floorSeconds: number; callsSeconds: number; projectedSeconds: number };
  truth: {
    users: number;
    found: number;
    matching: number;
    missing: number;
    differing: number;
    extra: number;
  };
  peakRssMb: number;
  /** RSS when the first sync returned, and the highest after a backfill turn. */
  rssAfterSyncMb: number;
  turnsPeakRssMb: number;
}

export async function runActivityBench(options: ActivityBenchOptions): Promise<void> {
  const reports: ActivityBenchReport[] = [];
  for (const size of parseSizes(options.sizes)) {
    const generate = { ...size.generate, ...(options.users === undefined ? {} : { users: options.users }) };
    const users = generate.users ?? 0;
    log(`activity ${size.name}: generating ${users} users' 90 days of sign-ins…`);
    const sandbox = startChild<SandboxTask, SandboxReady>("./sandbox-child.ts", {
      generate,
      activity: { pattern: "workday" },
      signInTruth: true,
    });
    try {
      const ready = await sandbox.result;
      const byName = ready.activity.byName;
      const floorCalls = Object.values(byName).reduce((n, e) => n + Math.max(1, Math.ceil(e / 50)), 0);
      const clientRate = (options.rate * DEFAULT_BUDGET_RATES.cloudtrail) / QUOTA;
      log(
        `activity ${size.name}: ${ready.activity.events} events (${JSON.stringify(byName)}); floor ${floorCalls} calls: ${(floorCalls / options.rate).toFixed(0)} s at ${options.rate}/s, ${(floorCalls / QUOTA).toFixed(0)} s at ${QUOTA}/s`,
      );
      await startPhase(ready.connect.endpoint, {
        ...AWS_LIKE,
        rateLimits: { cloudtrail: options.rate },
      });
      const start = loadavg();
      const read = await runBackfill({
        connect: ready.connect,
        clientRate,
        turnMs: options.turnSeconds * 1000,
        limitMs: options.minutes === undefined ? undefined : options.minutes * 60_000,
        log,
      });
      const server = await serverCalls(ready.connect.endpoint);
      reports.push(report(size.name, users, options, clientRate, ready, read, floorCalls, server, start));
    } finally {
      await sandbox.close();
    }
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ activity: reports })}\n`);
  else for (const r of reports) process.stdout.write(format(r));
}

function report(
  size: string,
  users: number,
  options: ActivityBenchOptions,
  clientRate: number,
  ready: SandboxReady,
  read: BackfillFigures,
  floorCalls: number,
  server: Awaited<ReturnType<typeof serverCalls>>,
  loadStart: number[],
): ActivityBenchReport {
  const serverTotal = server.total[ACTION] ?? 0;
  const coveredShare = read.pending
    ? read.coverage === null
      ? 0
      : Math.min(
          1,
          (Date.parse(read.coverage.asOf) - Date.parse(read.coverage.knownSince)) /
            (ACTIVITY_HORIZON_DAYS * DAY_MS),
        )
    : 1;
  // Stopped part way: the floor of what was read is its events' pages (not the share of the days
  // covered: weekends hold no sign-ins, so days and events are not read at the same pace).
  const readFloorCalls = read.pending
    ? Math.ceil((read.events + read.malformed + read.ignored) / 50)
    : floorCalls;
  const floorSeconds = readFloorCalls / options.rate;
  const ratio = floorSeconds > 0 ? read.readingSeconds / floorSeconds : 0;
  return {
    size,
    users,
    rate: options.rate,
    clientRate: round(clientRate, 2),
    turnSeconds: options.turnSeconds,
    limitMinutes: options.minutes ?? null,
    load: {
      cpus: cpus().length,
      start: loadStart.map((l) => round(l, 2)),
      end: loadavg().map((l) => round(l, 2)),
    },
    events: { total: ready.activity.events, byName: ready.activity.byName },
    sandboxGenerateSeconds: round(ready.generateSeconds + ready.activity.generateSeconds),
    firstSync: read.firstSync,
    turns: read.turns,
    complete: !read.pending,
    failure: read.failure,
    counted: read.events,
    malformed: read.malformed,
    ignored: read.ignored,
    duplicates: read.duplicates,
    clientCalls: read.calls,
    serverCalls: serverTotal,
    serverThrottled: server.throttled[ACTION] ?? 0,
    retries: serverTotal - read.calls,
    floorCalls,
    floorSeconds: round(floorSeconds),
    wallSeconds: read.wallSeconds,
    readingSeconds: read.readingSeconds,
    ratioToFloor: round(ratio, 2),
    callsPerSecond: round(read.calls / Math.max(read.readingSeconds, 0.1), 2),
    coveredShare: round(coveredShare, 4),
    knownSince: read.coverage?.knownSince ?? null,
    at2Tps: {
      floorSeconds: floorCalls / QUOTA,
      callsSeconds: round(read.calls / QUOTA),
      projectedSeconds: round((floorCalls / QUOTA) * ratio),
    },
    truth: truthCheck(ready.activity.signIns ?? [], read.signIns),
    // Peak resident set of this process (the reader; the sandbox is another process).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssAfterSyncMb: read.rssAfterSyncMb,
    turnsPeakRssMb: read.turnsPeakRssMb,
  };
}

/** The union of the reads' latest sign-ins against the sandbox's truth, user by user. */
function truthCheck(truth: [string, string][], found: Map<string, string>): ActivityBenchReport["truth"] {
  let matching = 0;
  let missing = 0;
  let differing = 0;
  const expected = new Set<string>();
  for (const [user, at] of truth) {
    expected.add(user);
    const got = found.get(user);
    if (got === undefined) missing++;
    else if (got === at) matching++;
    else differing++;
  }
  let extra = 0;
  for (const user of found.keys()) if (!expected.has(user)) extra++;
  return { users: truth.length, found: found.size, matching, missing, differing, extra };
}

function format(r: ActivityBenchReport): string {
  const s = r.firstSync;
  const t = r.truth;
  return [
    `Sign-in activity backfill, size ${r.size} (${r.users} users, 90 days, a sign-in per working day), LookupEvents at ${r.rate}/s (client budget ${r.clientRate}/s), turns of ${r.turnSeconds} s${r.limitMinutes === null ? "" : `, stopped after ${r.limitMinutes} min`}:`,
    `  load average ${r.load.start.join(" ")} at the start, ${r.load.end.join(" ")} at the end (${r.load.cpus} cores)`,
    `  events in CloudTrail: ${r.events.total} (${Object.entries(r.events.byName)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")})`,
    `  first sync: ${s.wallSeconds} s, ${s.lookupCalls} LookupEvents pages, ${s.events} events, back to ${s.from}${s.pending ? " (history pending)" : ""}`,
    `  backfill: ${r.turns} turns, ${r.complete ? "complete" : `${(r.coveredShare * 100).toFixed(1)}% of the 90 days covered (back to ${r.knownSince ?? "?"})`}${r.failure === null ? "" : `; stopped by ${r.failure}`}; ${r.counted} counted, ${r.malformed} malformed, ${r.ignored} ignored, ${r.duplicates} duplicates`,
    `  LookupEvents calls: ${r.clientCalls} client, ${r.serverCalls} server (${r.serverThrottled} throttled, ${r.retries} retries); floor ${r.floorCalls}`,
    `  wall time: ${r.wallSeconds} s in all, ${r.readingSeconds} s to the last page (${r.callsPerSecond} calls/s) against the floor of ${r.floorSeconds} s at ${r.rate}/s${r.complete ? "" : " for the events read"} (x${r.ratioToFloor})`,
    `  at ${QUOTA} TPS: floor ${r.at2Tps.floorSeconds} s; these calls at ${QUOTA}/s ${r.at2Tps.callsSeconds} s; projected at the measured ratio ${r.at2Tps.projectedSeconds} s (${(r.at2Tps.projectedSeconds / 3600).toFixed(2)} h)`,
    `  truth (latest sign-in per user): ${t.matching}/${t.users} match, ${t.missing} missing, ${t.differing} differ, ${t.extra} extra${r.complete ? "" : " (backfill not complete)"}`,
    `  peak RSS of the reader: ${r.peakRssMb} MB (${r.rssAfterSyncMb} MB after the first sync, at most ${r.turnsPeakRssMb} MB after a turn)`,
    "",
  ].join("\n");
}
