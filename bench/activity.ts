// npm run bench -- --activity [--sizes M] [--activity-users N] [--json]
//
// The first 90-day backfill of sign-in activity (issue 15): an organization of the size's shape
// where every user signs in once each working day and opens an account with a permission set half
// of those days (the sandbox's "workday" history), read through the real SDK and the connector's
// activity reader from an empty cursor, under AWS-like conditions (40 ms a call, CloudTrail
// LookupEvents at 2 requests/s, the other quotas as AWS has them). Reports the LookupEvents calls
// (client and server, throttled ones), the wall time against the 2-TPS floor (pages of 50 per
// event name, at 2 a second), and the peak RSS of the reading process (the sandbox runs in its
// own). --activity-users N replaces the size's user count (a quick look: the full M backfill takes
// hours by design of the quota).
import { readIdentityCenter } from "../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../src/aws-calls/request-budget.js";
import { startChild } from "./child-process.js";
import { AWS_LIKE, PLATFORM_CREDENTIALS, serverCalls, startPhase } from "./sandbox-admin.js";
import type { SandboxReady, SandboxTask } from "./sandbox-child.js";
import { parseSizes } from "./sizes.js";

const log = (line: string) => process.stderr.write(`${line}\n`);
const ACTION = "cloudtrail:LookupEvents";

export interface ActivityBenchReport {
  size: string;
  users: number;
  events: { total: number; byName: Record<string, number> };
  sandboxGenerateSeconds: number;
  status: string;
  counted: number;
  malformed: number;
  clientCalls: number;
  serverCalls: number;
  serverThrottled: number;
  retries: number;
  /** ceil(events of each name / 50) summed: the fewest calls that can read them. */
  floorCalls: number;
  /** floorCalls / 2: the quota's floor on the wall time. */
  floorSeconds: number;
  wallSeconds: number;
  ratioToFloor: number;
  peakRssMb: number;
}

export async function runActivityBench(sizeList: string, usersOverride: number | undefined, json: boolean) {
  const reports: ActivityBenchReport[] = [];
  for (const size of parseSizes(sizeList)) {
    const generate = { ...size.generate, ...(usersOverride === undefined ? {} : { users: usersOverride }) };
    const users = generate.users ?? 0;
    log(`activity ${size.name}: generating ${users} users' 90 days of sign-ins…`);
    const sandbox = startChild<SandboxTask, SandboxReady>("./sandbox-child.ts", {
      generate,
      activity: { pattern: "workday" },
    });
    try {
      const ready = await sandbox.result;
      const byName = ready.activity.byName;
      const floorCalls = Object.values(byName).reduce((n, e) => n + Math.max(1, Math.ceil(e / 50)), 0);
      log(
        `activity ${size.name}: ${ready.activity.events} events (${JSON.stringify(byName)}); floor ${floorCalls} calls, ${(floorCalls / 2).toFixed(0)} s`,
      );
      await startPhase(ready.connect.endpoint, AWS_LIKE);
      const started = performance.now();
      let lastLog = started;
      const result = await readIdentityCenter({
        values: ready.connect,
        externalId: ready.connect.externalId,
        connectionId: "bench-activity",
        endpointUrl: ready.connect.endpoint,
        platformCredentials: PLATFORM_CREDENTIALS,
        budget: new RequestBudget(),
        activity: { cursor: null },
        onProgress: (p) => {
          if (p.phase !== "activity" || performance.now() - lastLog < 30_000) return;
          lastLog = performance.now();
          log(`activity ${size.name}: ${p.done} events read, ${((lastLog - started) / 1000).toFixed(0)} s`);
        },
      });
      const wallSeconds = (performance.now() - started) / 1000;
      const server = await serverCalls(ready.connect.endpoint);
      const a = result.activity;
      const floorSeconds = floorCalls / 2;
      reports.push({
        size: size.name,
        users,
        events: { total: ready.activity.events, byName },
        sandboxGenerateSeconds: Number((ready.generateSeconds + ready.activity.generateSeconds).toFixed(1)),
        status: a?.status ?? "not read",
        counted: a?.status === "read" ? a.stats.events : 0,
        malformed: a?.status === "read" ? a.stats.malformed : 0,
        clientCalls: result.stats.callsByAction[ACTION] ?? 0,
        serverCalls: server.total[ACTION] ?? 0,
        serverThrottled: server.throttled[ACTION] ?? 0,
        retries: result.stats.retries,
        floorCalls,
        floorSeconds,
        wallSeconds: Number(wallSeconds.toFixed(1)),
        ratioToFloor: Number((wallSeconds / floorSeconds).toFixed(2)),
        // Peak resident set of this process (the reader; the sandbox is another process).
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    } finally {
      await sandbox.close();
    }
  }
  if (json) process.stdout.write(`${JSON.stringify({ activity: reports })}\n`);
  else
    for (const r of reports)
      process.stdout.write(
        [
          `Sign-in activity backfill, size ${r.size} (${r.users} users, 90 days, a sign-in per working day):`,
          `  events in CloudTrail: ${r.events.total} (${Object.entries(r.events.byName)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}); read as ${r.status}: ${r.counted} counted, ${r.malformed} malformed`,
          `  LookupEvents calls: ${r.clientCalls} client, ${r.serverCalls} server (${r.serverThrottled} throttled, ${r.retries} retries in all); floor ${r.floorCalls}`,
          `  wall time: ${r.wallSeconds} s against the 2-TPS floor of ${r.floorSeconds} s (x${r.ratioToFloor})`,
          `  peak RSS of the reader: ${r.peakRssMb} MB`,
          "",
        ].join("\n"),
      );
}
