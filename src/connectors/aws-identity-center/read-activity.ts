// Sign-in activity, incrementally, from CloudTrail's event history (LookupEvents, optional:
// cloudtrail:LookupEvents). One lookup per event name (LookupEvents takes one attribute a request;
// by event source, sso.amazonaws.com would also return every sso-admin call of every sync).
//
// A read moves each name's coverage (domain/activity.ts) forward to now, in whole steps, then back
// toward the 90-day horizon, a page of each name in turn (LookupEvents answers newest first, so the
// backfill's edge moves with every page). It stops starting pages when `stop()` says its time is
// up: at 2 requests a second the 90 days of a 20,000-person organization take hours, so a sync
// reads what its identity read leaves time for and the engine's backfill reads on in turns of its
// own. The coverage never has a hole: a forward step cut short is read again. Only the latest time
// per user and per (user, account, permission set) is kept while reading: memory grows with users
// and access rows used, not with events.
import { paginateLookupEvents, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import {
  ACTIVITY_HORIZON_DAYS,
  DAY_MS,
  accessKey,
  type AccessUse,
  type ActivityCursor,
  type ActivityRead,
  type LookupCoverage,
  type SignIn,
} from "../../domain/activity.js";
import { ACTIVITY_EVENTS, parseActivityEvent } from "./mappers/cloudtrail.js";
import { DENIED, type ReadContext } from "./read-context.js";

const ACTION = "cloudtrail:LookupEvents";
/** LookupEvents' largest page. */
export const LOOKUP_PAGE_SIZE = 50;
/**
 * Each forward read starts this long before where the last one ended: CloudTrail delivers events
 * minutes after they happen, so an event older than the newest one can still appear. Events of the
 * overlap read before are recognised by id and not counted again.
 */
export const ACTIVITY_OVERLAP_MS = 15 * 60_000;
/**
 * A forward read covers this much at a time (a step cut short is read again). A step cut short
 * makes the next one a quarter as long, a whole one twice as long (up to a day), so a reader with
 * little time still moves forward however busy the history is.
 */
export const FORWARD_STEP_MS = 6 * 3_600_000;
const MIN_STEP_MS = 60_000;
const MAX_STEP_MS = 24 * 3_600_000;

export interface ReadActivityOptions {
  /** The connection's cursor; null: start at `now` and read back. */
  cursor: ActivityCursor | null;
  /** The read's end. */
  now: Date;
  /**
   * True when no further page should be started (the caller's time is up). Each event name still
   * gets its first page, so a denial is always found. Absent: read to the end of the 90 days.
   */
  stop?: () => boolean;
}

/** Latest times found, before permission set names are turned into ARNs. */
interface Found {
  signIns: Map<string, string>;
  /** accessKey(user, account, permission set NAME) -> time. */
  uses: Map<string, string>;
  events: number;
  malformed: number;
  ignored: number;
  duplicates: number;
  calls: number;
}

type Page = LookupEventsCommandOutput;

function later(map: Map<string, string>, key: string, at: string): void {
  const had = map.get(key);
  if (had === undefined || at > had) map.set(key, at);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Reads from the cursor; never throws but for an abort (a failure is a status). */
export async function readActivity(
  ctx: ReadContext,
  /** Needed only at the end (a federation names its permission set): read meanwhile. */
  permissionSets: Promise<readonly { name: string; arn: string }[]>,
  options: ReadActivityOptions,
): Promise<ActivityRead> {
  const end = options.now.getTime();
  const horizon = end - ACTIVITY_HORIZON_DAYS * DAY_MS;
  const lookups = startingCoverage(options.cursor, end, horizon);
  const found: Found = {
    signIns: new Map(),
    uses: new Map(),
    events: 0,
    malformed: 0,
    ignored: 0,
    duplicates: 0,
    calls: 0,
  };
  const pagesOf = new Map<string, number>();
  // Each event name's first page forward and first page back are read whatever the time: the
  // backfill moves on in every read, and a denial is found.
  const stop = (key: string) => (pagesOf.get(key) ?? 0) > 0 && (options.stop?.() ?? false);
  const what = "sign-in activity (last sign-in, last use) is not read";
  const lookup = (name: string, startMs: number, endMs: number) =>
    paginateLookupEvents(
      { client: ctx.clients.cloudTrail, pageSize: LOOKUP_PAGE_SIZE },
      {
        LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: name }],
        StartTime: new Date(startMs),
        EndTime: new Date(endMs),
      },
      ctx.sendOptions,
    );
  const took = (key: string, page: Page) => {
    found.calls++;
    pagesOf.set(key, (pagesOf.get(key) ?? 0) + 1);
    ctx.progress("activity", page.Events?.length ?? 0);
    ctx.signal.throwIfAborted();
  };

  const result = await ctx.optional(ACTION, what, async () => {
    // Forward: each name up to now, a whole step at a time.
    for (const [name, c] of lookups) {
      while (Date.parse(c.hi) < end && !stop(`forward ${name}`)) {
        const step = c.stepMs ?? FORWARD_STEP_MS;
        const stepEnd = Math.min(end, Date.parse(c.hi) + step);
        const seen = new Set(c.hiSeen);
        const edge = new Map<string, number>();
        let whole = true;
        for await (const page of lookup(name, Date.parse(c.hi) - ACTIVITY_OVERLAP_MS, stepEnd)) {
          for (const event of page.Events ?? []) {
            const ms = event.EventTime?.getTime();
            if (event.EventId !== undefined && ms !== undefined && ms >= stepEnd - ACTIVITY_OVERLAP_MS)
              edge.set(event.EventId, ms);
            take(found, seen, parseActivityEvent(event, ctx.values.identityStoreId));
          }
          took(`forward ${name}`, page);
          if (page.NextToken !== undefined && stop(`forward ${name}`)) {
            whole = false;
            break;
          }
        }
        if (!whole) {
          c.stepMs = Math.max(MIN_STEP_MS, Math.floor(step / 4));
          break;
        }
        c.hi = iso(stepEnd);
        c.hiSeen = [...edge.keys()].sort();
        if (stepEnd < end) c.stepMs = Math.min(MAX_STEP_MS, step * 2);
      }
    }
    // Back: a page of each name in turn, until each reaches the horizon.
    const readers = new Map<string, AsyncIterator<Page>>();
    for (const [name, c] of lookups)
      if (!c.backfilled) readers.set(name, lookup(name, horizon, Date.parse(c.lo))[Symbol.asyncIterator]());
    while (readers.size > 0) {
      for (const [name, pages] of readers) {
        const c = lookups.get(name);
        if (c === undefined || stop(`back ${name}`)) {
          readers.delete(name);
          continue;
        }
        const next = await pages.next();
        if (next.done === true) {
          c.lo = iso(horizon);
          c.loSeen = [];
          c.backfilled = true;
          readers.delete(name);
          continue;
        }
        backPage(found, c, next.value, ctx.values.identityStoreId);
        took(`back ${name}`, next.value);
        if (next.value.NextToken === undefined) {
          c.lo = iso(horizon);
          c.loSeen = [];
          c.backfilled = true;
          readers.delete(name);
        }
      }
    }
  });
  if (result === DENIED) {
    const warning = ctx.warnings.find((w) => w.action === ACTION);
    const message = warning?.message ?? what;
    if (warning?.code === "access_denied") return { status: "denied", message };
    // Failed part way (throttled past the retries, say): what was read is whole as far as it goes
    // (a forward step counts only once read to its end), so it is kept and the rest read later.
    if (found.calls === 0) return { status: "failed", message };
    const partial = finish(found, lookups, await permissionSets, end);
    if (partial.status === "read") partial.stats.pending = true;
    return partial;
  }
  return finish(found, lookups, await permissionSets, end);
}

/** The cursor's coverage, one per event name; a name not read yet (or read too long ago) starts at `end`. */
function startingCoverage(
  cursor: ActivityCursor | null,
  end: number,
  horizon: number,
): Map<string, LookupCoverage> {
  const lookups = new Map<string, LookupCoverage>();
  for (const { name } of ACTIVITY_EVENTS) {
    const had = cursor?.lookups[name];
    if (had === undefined || Date.parse(had.hi) < horizon) {
      lookups.set(name, { lo: iso(end), loSeen: [], hi: iso(end), hiSeen: [], backfilled: false });
      continue;
    }
    const c = { ...had, loSeen: [...had.loSeen], hiSeen: [...had.hiSeen] };
    // What fell out of CloudTrail's 90 days needs no reading.
    if (!c.backfilled && Date.parse(c.lo) <= horizon)
      Object.assign(c, { lo: iso(horizon), loSeen: [], backfilled: true });
    lookups.set(name, c);
  }
  return lookups;
}

/** One page of the backfill: its events, and the coverage's new low edge (its oldest event). */
function backPage(found: Found, c: LookupCoverage, page: Page, identityStoreId: string): void {
  const seen = new Set(c.loSeen);
  const overlap = iso(Date.parse(c.hi) - ACTIVITY_OVERLAP_MS);
  for (const event of page.Events ?? []) {
    const id = event.EventId;
    const at = event.EventTime === undefined ? undefined : event.EventTime.toISOString();
    if (id !== undefined && at !== undefined && seen.has(id) && at === c.lo) {
      found.duplicates++;
      continue;
    }
    take(found, seen, parseActivityEvent(event, identityStoreId));
    if (id === undefined || at === undefined) continue;
    // Newest first: each event is as old as the edge or older.
    if (at < c.lo) {
      c.lo = at;
      c.loSeen = [];
    }
    if (at === c.lo) c.loSeen.push(id);
    // The next forward read starts in the overlap below `hi`: it must know these too.
    if (at >= overlap && !c.hiSeen.includes(id)) c.hiSeen.push(id);
  }
}

function take(found: Found, seen: ReadonlySet<string>, parsed: ReturnType<typeof parseActivityEvent>): void {
  if (parsed.kind === "malformed") {
    found.malformed++;
    return;
  }
  if (parsed.kind === "ignored") {
    found.ignored++;
    return;
  }
  if (seen.has(parsed.eventId)) {
    found.duplicates++;
    return;
  }
  found.events++;
  later(found.signIns, parsed.userId, parsed.at);
  if (
    parsed.kind === "federation" &&
    parsed.accountId !== undefined &&
    parsed.permissionSetName !== undefined
  )
    later(found.uses, accessKey(parsed.userId, parsed.accountId, parsed.permissionSetName), parsed.at);
}

function finish(
  found: Found,
  lookups: Map<string, LookupCoverage>,
  permissionSets: readonly { name: string; arn: string }[],
  end: number,
): ActivityRead {
  const arnByName = new Map(permissionSets.map((p) => [p.name, p.arn]));
  const signIns: SignIn[] = [...found.signIns].map(([userId, at]) => ({ userId, at }));
  const uses: AccessUse[] = [];
  let unmatched = 0;
  for (const [key, at] of found.uses) {
    const [userId = "", accountId = "", name = ""] = key.split("\n");
    const permissionSetArn = arnByName.get(name);
    if (permissionSetArn === undefined) unmatched++;
    else uses.push({ userId, accountId, permissionSetArn, at });
  }
  const cursor: ActivityCursor = { version: 2, lookups: Object.fromEntries(lookups) };
  const coverage = [...lookups.values()];
  return {
    status: "read",
    cursor,
    signIns,
    uses,
    stats: {
      events: found.events,
      malformed: found.malformed,
      ignored: found.ignored,
      duplicates: found.duplicates,
      unmatched,
      calls: found.calls,
      from: coverage.reduce((m, c) => (c.lo > m ? c.lo : m), ""),
      to: iso(end),
      pending: coverage.some((c) => !c.backfilled || Date.parse(c.hi) < end),
    },
  };
}
