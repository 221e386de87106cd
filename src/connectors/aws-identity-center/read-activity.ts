// Sign-in activity, incrementally, from CloudTrail's event history (LookupEvents, optional:
// cloudtrail:LookupEvents). One lookup per event name (LookupEvents takes one attribute a request;
// by event source, sso.amazonaws.com would also return every sso-admin call of every sync), from
// the cursor (or 90 days back on the first read) to now. Only the latest time per user and per
// (user, account, permission set) is kept while reading: memory grows with users and access rows
// used, not with events. The cursor moves only when every lookup finished, so a failed read is
// read again in full next time.
import { paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import {
  ACTIVITY_HORIZON_DAYS,
  DAY_MS,
  accessKey,
  type AccessUse,
  type ActivityCursor,
  type ActivityRead,
  type SignIn,
} from "../../domain/activity.js";
import type { PermissionSet } from "../../domain/model.js";
import { ACTIVITY_EVENTS, parseActivityEvent } from "./mappers/cloudtrail.js";
import { DENIED, type ReadContext } from "./read-context.js";

const ACTION = "cloudtrail:LookupEvents";
/** LookupEvents' largest page. */
export const LOOKUP_PAGE_SIZE = 50;
/**
 * Each read starts this long before the newest event already read: CloudTrail delivers events
 * minutes after they happen, so an event older than the newest one can still appear. Events of the
 * overlap read before are recognised by id and not counted again.
 */
export const ACTIVITY_OVERLAP_MS = 15 * 60_000;

export interface ReadActivityOptions {
  /** The connection's cursor from its last successful read; null: read the whole 90 days. */
  cursor: ActivityCursor | null;
  /** The read's end (the sync's time). */
  now: Date;
}

/** Latest times found, before permission set names are turned into ARNs. */
interface Found {
  signIns: Map<string, string>;
  /** accessKey(user, account, permission set NAME) -> time. */
  uses: Map<string, string>;
  seen: Map<string, number>;
  latest: number;
  events: number;
  malformed: number;
  ignored: number;
  duplicates: number;
}

function later(map: Map<string, string>, key: string, at: string): void {
  const had = map.get(key);
  if (had === undefined || at > had) map.set(key, at);
}

/** Reads the events since the cursor; never throws but for an abort (a failure is a status). */
export async function readActivity(
  ctx: ReadContext,
  /** Needed only at the end (a federation names its permission set): read meanwhile. */
  permissionSets: Promise<readonly PermissionSet[]>,
  options: ReadActivityOptions,
): Promise<ActivityRead> {
  const end = options.now.getTime();
  const horizon = end - ACTIVITY_HORIZON_DAYS * DAY_MS;
  const cursorAt = options.cursor === null ? Number.NaN : Date.parse(options.cursor.latestEventAt);
  const start = Number.isFinite(cursorAt) ? Math.max(horizon, cursorAt - ACTIVITY_OVERLAP_MS) : horizon;
  const previouslySeen = new Set(Number.isFinite(cursorAt) ? (options.cursor?.seenEventIds ?? []) : []);
  const found: Found = {
    signIns: new Map(),
    uses: new Map(),
    seen: new Map(),
    latest: Number.isFinite(cursorAt) ? cursorAt : Number.NEGATIVE_INFINITY,
    events: 0,
    malformed: 0,
    ignored: 0,
    duplicates: 0,
  };
  const what = "sign-in activity (last sign-in, last use) is not read";
  for (const lookup of ACTIVITY_EVENTS) {
    const result = await ctx.optional(ACTION, what, async () => {
      const pages = paginateLookupEvents(
        { client: ctx.clients.cloudTrail, pageSize: LOOKUP_PAGE_SIZE },
        {
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: lookup.name }],
          StartTime: new Date(start),
          EndTime: new Date(end),
        },
        ctx.sendOptions,
      );
      for await (const page of pages) {
        const events = page.Events ?? [];
        for (const event of events)
          take(found, previouslySeen, parseActivityEvent(event, ctx.values.identityStoreId));
        ctx.progress("activity", events.length);
        ctx.signal.throwIfAborted();
      }
    });
    if (result === DENIED) {
      const warning = ctx.warnings.find((w) => w.action === ACTION);
      const message = warning?.message ?? what;
      return warning?.code === "access_denied"
        ? { status: "denied", message }
        : { status: "failed", message };
    }
  }
  return finish(found, await permissionSets, start, end);
}

function take(
  found: Found,
  previouslySeen: ReadonlySet<string>,
  parsed: ReturnType<typeof parseActivityEvent>,
): void {
  if (parsed.kind === "malformed") {
    found.malformed++;
    return;
  }
  if (parsed.kind === "ignored") {
    found.ignored++;
    return;
  }
  const ms = Date.parse(parsed.at);
  const duplicate = previouslySeen.has(parsed.eventId) || found.seen.has(parsed.eventId);
  // Only ids near the newest event are kept (the next read's overlap): not one per event read.
  if (ms > found.latest) {
    found.latest = ms;
    for (const [id, t] of found.seen) if (t < ms - ACTIVITY_OVERLAP_MS) found.seen.delete(id);
  }
  if (ms >= found.latest - ACTIVITY_OVERLAP_MS) found.seen.set(parsed.eventId, ms);
  if (duplicate) {
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
  permissionSets: readonly PermissionSet[],
  start: number,
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
  // The next read starts ACTIVITY_OVERLAP_MS before the newest event: remember the ids from there.
  const cursor: ActivityCursor | null = Number.isFinite(found.latest)
    ? {
        latestEventAt: new Date(found.latest).toISOString(),
        seenEventIds: [...found.seen]
          .filter(([, ms]) => ms >= found.latest - ACTIVITY_OVERLAP_MS)
          .map(([id]) => id)
          .sort(),
      }
    : null;
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
      from: new Date(start).toISOString(),
      to: new Date(end).toISOString(),
    },
  };
}
