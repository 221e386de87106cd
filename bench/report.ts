// The figures of one size, worked out from what the children measured, checked against the
// issue's targets, and written for people (text) or machines (--json).
import type { BucketUse } from "./bucket-timeline.js";
import type { NaiveResult } from "./naive-read.js";
import { byBucket, floorOf, readCalls, type Calls, type Floor } from "./plans.js";
import type { ExpectedCounts, SandboxReady } from "./sandbox-child.js";
import type { SizeName } from "./sizes.js";
import type { SyncResult } from "./sync-child.js";
import type { Memory } from "./timed-store.js";

/** The issue's targets (figures to report, not timed tests). */
export const TARGETS = {
  wallOverFloor: 1.1,
  callsOverPlan: 1.05,
  peakRssMb: 512,
  commitSeconds: 30,
  naiveSpeedup: 3,
} as const;

export interface SizeReport {
  size: SizeName;
  world: ExpectedCounts;
  generateSeconds: number;
  /** Server-side requests of the measured sync per quota bucket (throttled ones included). */
  callsByBucket: Calls;
  throttledByBucket: Calls;
  timeline: Record<string, BucketUse> | null;
  /** Read calls the sync made (server side, STS and throttled answers left out). */
  calls: number;
  cheapestPlan: { name: string; calls: number; floor: Floor };
  otherPlan: { name: string; calls: number } | null;
  callsOverPlan: number;
  /** Of the calls AWS served (throttled answers left out). */
  floor: Floor;
  readSeconds: number;
  syncSeconds: number;
  readOverFloor: number;
  syncOverFloor: number;
  loadSeconds: number;
  commitSeconds: number;
  commitTables: SyncResult["first"]["commitTables"];
  /** Evaluating findings (rules and lifecycle) in the first sync and the re-sync; their counts. */
  findingsSeconds: { first: number; resync: number };
  findings: SyncResult["first"]["findings"];
  peakRssMb: number;
  /** The sync process's RSS before any work (modules loaded). */
  baselineRssMb: number;
  heapCapMb: number | null;
  /** Memory of the first sync by stage; the re-sync's, whose diff loads the stored state. */
  memory: SyncResult["first"]["memory"];
  resyncMemory: SyncResult["first"]["memory"];
  retries: number;
  throttles: number;
  warnings: number;
  /** Entities read differ from the sandbox's ground truth: names what differs. */
  countMismatches: string[];
  resync: {
    seconds: number;
    loadSeconds: number;
    commitSeconds: number;
    changes: number;
    peakRssMb: number;
    sameSnapshot: boolean;
  };
  naive: {
    seconds: number;
    calls: number;
    pairsQueried: number;
    speedup: number;
    /** The naive time over our floor: the most any read of these calls could gain. */
    speedupAtFloor: number;
    assignmentsMatch: boolean;
  } | null;
  errors: string[];
  targets: Record<string, boolean | null>;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : Number.NaN);

function subtract(a: Calls, b: Calls): Calls {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v - (b[k] ?? 0)]));
}

/** `timed`: the first sync ran under AWS-like conditions (else its wall-time figures mean nothing). */
export function sizeReport(
  size: SizeName,
  ready: SandboxReady,
  sync: SyncResult,
  naive: NaiveResult | null,
  timed: boolean,
): SizeReport {
  const { first, resync } = sync;
  const served = subtract(first.serverCalls, first.serverThrottled);
  const [cheapest, other] = ready.plans;
  if (cheapest === undefined) throw new Error("the sandbox reported no plan");
  const calls = readCalls(served);
  const floor = floorOf(served);
  const countMismatches: string[] = [];
  if (first.counts !== null) {
    const c = first.counts;
    const e = ready.expected;
    const pairs: [string, number, number][] = [
      ["users", c.users, e.users],
      ["groups", c.groups, e.groups],
      ["memberships", c.memberships, e.memberships],
      ["accounts", c.accounts, e.accounts],
      ["permissionSets", c.permissionSets, e.permissionSets],
      ["assignments", c.assignments, e.assignments],
      ["orphanedAssignments", c.orphanedAssignments, e.orphanedAssignments],
      ["access", c.access, e.access],
    ];
    for (const [name, got, want] of pairs)
      if (got !== want) countMismatches.push(`${name} ${got} (expected ${want})`);
  }
  const errors = [first.error, resync.error].filter((e): e is string => e !== null);
  const naiveReport =
    naive === null
      ? null
      : {
          seconds: naive.seconds,
          calls: readCalls(naive.calls),
          pairsQueried: naive.counts.pairsQueried,
          speedup: ratio(naive.seconds, first.readSeconds),
          speedupAtFloor: ratio(naive.seconds, floor.seconds),
          assignmentsMatch: naive.counts.assignments === (first.counts?.assignments ?? -1),
        };
  const readOverFloor = ratio(first.readSeconds, floor.seconds);
  const syncOverFloor = ratio(first.totalSeconds, floor.seconds);
  const callsOverPlan = ratio(calls, cheapest.total);
  const succeeded = first.state === "succeeded" && resync.state === "succeeded";
  return {
    size,
    world: ready.expected,
    generateSeconds: Math.round(ready.generateSeconds * 10) / 10,
    callsByBucket: byBucket(first.serverCalls),
    throttledByBucket: byBucket(first.serverThrottled),
    timeline: first.timeline,
    calls,
    cheapestPlan: { name: cheapest.name, calls: cheapest.total, floor: cheapest.floor },
    otherPlan: other === undefined ? null : { name: other.name, calls: other.total },
    callsOverPlan,
    floor,
    readSeconds: first.readSeconds,
    syncSeconds: first.totalSeconds,
    readOverFloor,
    syncOverFloor,
    loadSeconds: first.loadSeconds,
    commitSeconds: first.commitSeconds,
    commitTables: first.commitTables,
    findingsSeconds: { first: first.findingsSeconds, resync: resync.findingsSeconds },
    findings: first.findings,
    peakRssMb: first.maxRssMb,
    baselineRssMb: sync.baselineRssMb,
    heapCapMb: sync.heapCapMb,
    memory: first.memory,
    resyncMemory: resync.memory,
    retries: first.retries,
    throttles: first.throttles,
    warnings: first.warnings,
    countMismatches,
    resync: {
      seconds: resync.totalSeconds,
      loadSeconds: resync.loadSeconds,
      commitSeconds: resync.commitSeconds,
      changes: resync.changes,
      peakRssMb: resync.maxRssMb,
      sameSnapshot: first.snapshotHash !== null && first.snapshotHash === resync.snapshotHash,
    },
    naive: naiveReport,
    errors,
    targets: {
      succeeded,
      snapshotMatchesTruth: countMismatches.length === 0,
      // The whole sync (claim, read, diff, commit), not the read alone: what the customer waits for.
      wallWithinFloor: size === "L" && timed ? syncOverFloor <= TARGETS.wallOverFloor : null,
      callsWithinPlan: callsOverPlan <= TARGETS.callsOverPlan,
      peakRss: first.maxRssMb < TARGETS.peakRssMb && resync.maxRssMb < TARGETS.peakRssMb,
      commit: first.commitSeconds < TARGETS.commitSeconds,
      resyncNoChanges: resync.state === "succeeded" && resync.changes === 0,
      noThrottledCallLost: first.snapshotHash !== null && first.snapshotHash === resync.snapshotHash,
      naiveSpeedup: naiveReport === null ? null : naiveReport.speedup >= TARGETS.naiveSpeedup,
    },
  };
}

const n = (x: number) => x.toLocaleString("en-US");
const s = (x: number) => `${x.toFixed(1)} s`;
const mark = (ok: boolean | null) => (ok === null ? "-" : ok ? "ok" : "MISSED");

/** The tables that took a tenth of a second or more to write. */
function commitParts(r: SizeReport): string {
  const parts = Object.entries(r.commitTables)
    .filter(([, t]) => t.seconds >= 0.1)
    .map(([table, t]) => `${table} ${n(t.rows)} rows ${s(t.seconds)}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

function stages(m: SizeReport["memory"]): string {
  const one = (name: string, x: Memory | null) =>
    x === null ? [] : [`${name} ${n(x.rssMb)}/${n(x.heapUsedMb)}`];
  const all = [...one("read", m.afterRead), ...one("load", m.load), ...one("commit", m.commit)];
  return all.length === 0 ? "-" : `${all.join(", ")} MB (RSS/heap)`;
}

export function formatSize(r: SizeReport): string {
  const w = r.world;
  const lines = [
    `== ${r.size}: ${n(w.users)} users, ${n(w.groups)} groups, ${n(w.memberships)} memberships, ${n(w.accounts)} accounts, ` +
      `${n(w.permissionSets)} permission sets, ${n(w.provisionedPairs)} provisioned pairs, ${n(w.assignments)} assignments, ` +
      `${n(w.access)} access rows (generated in ${s(r.generateSeconds)})`,
    "  calls per quota bucket [throttled answers]; busy from..to s of the sync, average rate, seconds below 3/4 of the quota:",
    ...Object.entries(r.callsByBucket).map(([b, c]) => {
      const t = r.throttledByBucket[b] ?? 0;
      const u = r.timeline?.[b];
      const use =
        u === undefined
          ? ""
          : `  ${u.firstSecond}..${u.lastSecond} s, ${u.averageRate}/s, ${u.slowSeconds} s slow`;
      return `    ${b.padEnd(38)} ${n(c).padStart(8)}${t > 0 ? ` [${n(t)}]` : ""}${use}`;
    }),
    `  read calls          ${n(r.calls)} vs cheapest plan (${r.cheapestPlan.name}) ${n(r.cheapestPlan.calls)}: ` +
      `${r.callsOverPlan}x` +
      (r.otherPlan === null ? "" : `  (${r.otherPlan.name}: ${n(r.otherPlan.calls)})`),
    `  floor               ${s(r.floor.seconds)} (${r.floor.bucket}); cheapest plan's floor ${s(r.cheapestPlan.floor.seconds)}`,
    `  wall time           read ${s(r.readSeconds)} = ${r.readOverFloor}x floor; whole sync ${s(r.syncSeconds)} = ${r.syncOverFloor}x`,
    `  store               load ${s(r.loadSeconds)}, commit ${s(r.commitSeconds)}${commitParts(r)}`,
    r.findings === null
      ? `  findings            off (--without-findings)`
      : `  findings            evaluated in ${s(r.findingsSeconds.first)} (re-sync ${s(r.findingsSeconds.resync)}); ` +
        `open ${n(r.findings.open.high)} high, ${n(r.findings.open.medium)} medium, ${n(r.findings.open.low)} low`,
    `  peak RSS            ${n(r.peakRssMb)} MB (after the re-sync: ${n(r.resync.peakRssMb)} MB; ` +
      `before any work: ${n(r.baselineRssMb)} MB; V8 heap cap ${r.heapCapMb === null ? "Node's default" : `${r.heapCapMb} MB`})`,
    `  memory by stage     ${stages(r.memory)}; re-sync ${stages(r.resyncMemory)}`,
    `  retries/throttles   ${n(r.retries)} / ${n(r.throttles)}; warnings ${r.warnings}`,
    `  re-sync (unthrottled) ${s(r.resync.seconds)} (load ${s(r.resync.loadSeconds)}, commit ${s(r.resync.commitSeconds)}), ` +
      `${n(r.resync.changes)} changes; same snapshot as the throttled run: ${r.resync.sameSnapshot ? "yes" : "NO"}`,
  ];
  if (r.naive !== null) {
    lines.push(
      `  naive baseline      ${s(r.naive.seconds)}, ${n(r.naive.calls)} calls (${n(r.naive.pairsQueried)} account x permission set pairs): ` +
        `${r.naive.speedup}x the read's time (at most ${r.naive.speedupAtFloor}x at the floor)` +
        `${r.naive.assignmentsMatch ? "" : " (ASSIGNMENT COUNT DIFFERS)"}`,
    );
  }
  if (r.countMismatches.length > 0)
    lines.push(`  SNAPSHOT DIFFERS FROM TRUTH: ${r.countMismatches.join(", ")}`);
  for (const e of r.errors) lines.push(`  ERROR: ${e}`);
  lines.push(
    `  targets: ${Object.entries(r.targets)
      .map(([k, v]) => `${k} ${mark(v)}`)
      .join(", ")}`,
  );
  return `${lines.join("\n")}\n`;
}
