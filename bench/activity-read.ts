// The measured part of the --activity bench (bench/activity.ts), read as the service reads it: a
// first sync (readIdentityCenter from an empty cursor: CloudTrail only while the identity read
// lasts), then backfill turns (readActivityOnly, each for a turn's length, one request budget
// across the turns as the service's (src/engine/sync-read.ts), carrying the cursor) until nothing is pending or the time
// limit is reached. Nothing is committed (no store): the turns follow each other at once, where
// the service commits between them. Only counts are kept, and the union of the latest sign-in per
// user (20,000 entries at M) for the truth check; never the events.
import {
  readActivityOnly,
  readIdentityCenter,
  type ReadOptions,
} from "../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../src/aws-calls/request-budget.js";
import {
  activityCoverage,
  type ActivityCoverage,
  type ActivityCursor,
  type ActivityRead,
} from "../src/domain/activity.js";
import type { ConnectValues } from "../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS } from "./sandbox-admin.js";

export interface BackfillRunOptions {
  connect: ConnectValues;
  /** The client's budget for cloudtrail:LookupEvents, requests per second. */
  clientRate: number;
  turnMs: number;
  /** Start no page after this long (from the first sync's start); undefined: read to the end. */
  limitMs: number | undefined;
  log: (line: string) => void;
}

export interface FirstSyncFigures {
  wallSeconds: number;
  /** LookupEvents pages the sync read (its activity stats). */
  lookupCalls: number;
  events: number;
  /** How far back the sync's read reached (every event name), and whether history is left. */
  from: string;
  pending: boolean;
}

export interface BackfillFigures {
  firstSync: FirstSyncFigures;
  turns: number;
  /** LookupEvents pages read, the sync's and the turns'. */
  calls: number;
  events: number;
  malformed: number;
  ignored: number;
  duplicates: number;
  /** Latest sign-ins and uses the reads returned, summed over the reads (a key may repeat). */
  signInRows: number;
  useRows: number;
  /** The union of the reads' latest sign-in per user. */
  signIns: Map<string, string>;
  wallSeconds: number;
  /** From the start to the last LookupEvents page: a first sync can outlast its activity read. */
  readingSeconds: number;
  pending: boolean;
  coverage: ActivityCoverage | null;
  /** RSS when the first sync returned, and the highest after a turn (MB): memory against events read. */
  rssAfterSyncMb: number;
  turnsPeakRssMb: number;
  /** A read that did not come back as "read" (throttled past the retries, say). */
  failure: string | null;
}

type Read = Extract<ActivityRead, { status: "read" }>;

export async function runBackfill(o: BackfillRunOptions): Promise<BackfillFigures> {
  const budget = () => new RequestBudget({ rates: { cloudtrail: o.clientRate } });
  const common = {
    values: o.connect,
    externalId: o.connect.externalId,
    connectionId: "bench-activity",
    endpointUrl: o.connect.endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
  };
  const started = performance.now();
  const limitAt = o.limitMs === undefined ? Number.POSITIVE_INFINITY : started + o.limitMs;
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(0);
  const figures: BackfillFigures = {
    firstSync: { wallSeconds: 0, lookupCalls: 0, events: 0, from: "", pending: true },
    turns: 0,
    calls: 0,
    events: 0,
    malformed: 0,
    ignored: 0,
    duplicates: 0,
    signInRows: 0,
    useRows: 0,
    signIns: new Map(),
    wallSeconds: 0,
    readingSeconds: 0,
    pending: true,
    coverage: null,
    failure: null,
    rssAfterSyncMb: 0,
    turnsPeakRssMb: 0,
  };
  // The cursor each read hands on (an object: the closure below sets it).
  const carried: { cursor: ActivityCursor | null } = { cursor: null };
  const add = (read: ActivityRead): read is Read => {
    if (read.status !== "read") {
      figures.failure = `${read.status}: ${read.message}`;
      return false;
    }
    const s = read.stats;
    figures.calls += s.calls;
    figures.events += s.events;
    figures.malformed += s.malformed;
    figures.ignored += s.ignored;
    figures.duplicates += s.duplicates;
    figures.signInRows += read.signIns.length;
    figures.useRows += read.uses.length;
    for (const { userId, at } of read.signIns)
      if ((figures.signIns.get(userId) ?? "") < at) figures.signIns.set(userId, at);
    figures.pending = s.pending;
    carried.cursor = read.cursor;
    figures.coverage = activityCoverage(read.cursor);
    return true;
  };

  let lastPage = started;
  const onProgress = (p: { phase: string }) => {
    if (p.phase === "activity") lastPage = performance.now();
  };
  // The sync's snapshot is not kept past this call: the service's turns hold none.
  const { activity, permissionSets } = await firstSync(common, budget(), onProgress);
  figures.firstSync.wallSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  figures.rssAfterSyncMb = rssMb();
  if (activity === undefined || !add(activity)) return finish(figures, started, lastPage);
  figures.firstSync = {
    ...figures.firstSync,
    lookupCalls: activity.stats.calls,
    events: activity.stats.events,
    from: activity.stats.from,
    pending: activity.stats.pending,
  };
  o.log(
    `  first sync: ${figures.firstSync.wallSeconds} s, ${activity.stats.calls} LookupEvents pages, back to ${activity.stats.from}, RSS ${figures.rssAfterSyncMb} MB`,
  );
  let lastLog = performance.now();
  const turnsBudget = budget();
  while (figures.pending && performance.now() < limitAt) {
    const deadline = Math.min(performance.now() + o.turnMs, limitAt);
    const read = await readActivityOnly({
      ...common,
      budget: turnsBudget,
      cursor: carried.cursor,
      stop: () => performance.now() >= deadline,
      permissionSets,
      onProgress,
    });
    if (!add(read)) break;
    figures.turns++;
    figures.turnsPeakRssMb = Math.max(figures.turnsPeakRssMb, rssMb());
    if (performance.now() - lastLog >= 30_000 || !figures.pending) {
      lastLog = performance.now();
      o.log(
        `  turn ${figures.turns}: ${figures.calls} pages, ${figures.events} events, back to ${figures.coverage?.knownSince ?? "?"}, ${elapsed()} s, RSS ${rssMb()} MB`,
      );
    }
  }
  return finish(figures, started, lastPage);
}

const rssMb = () => Math.round(process.memoryUsage.rss() / 2 ** 20);

async function firstSync(
  common: Omit<ReadOptions, "budget" | "activity" | "onProgress">,
  budget: RequestBudget,
  onProgress: (p: { phase: string }) => void,
): Promise<{ activity: ActivityRead | undefined; permissionSets: { name: string; arn: string }[] }> {
  const sync = await readIdentityCenter({ ...common, budget, activity: { cursor: null }, onProgress });
  const permissionSets = sync.snapshot.permissionSets.map((p) => ({ name: p.name, arn: p.arn }));
  return { activity: sync.activity, permissionSets };
}

function finish(figures: BackfillFigures, started: number, lastPage: number): BackfillFigures {
  figures.wallSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  figures.readingSeconds = Number(((lastPage - started) / 1000).toFixed(1));
  return figures;
}
