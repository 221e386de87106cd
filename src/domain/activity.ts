// Sign-in activity from CloudTrail (optional: cloudtrail:LookupEvents): what one read found, what
// is stored per connection, and what the findings may conclude from it. CloudTrail's event history
// holds 90 days, so that is the horizon of everything here: "never" means "not in the last 90 days".

/** CloudTrail's event history keeps management events this long. */
export const ACTIVITY_HORIZON_DAYS = 90;
export const DAY_MS = 86_400_000;

/** The CloudTrail events read, by name (the connector's mapper says which source each has). */
export const ACTIVITY_EVENT_NAMES = ["Authenticate", "UserAuthentication", "Federate"] as const;

/**
 * What the reads of one event name have covered: every event from `lo` to `hi` (inclusive) is
 * read. Reads move `hi` forward to the present (in whole steps, so the range never has a hole) and
 * `lo` back to CloudTrail's 90-day horizon (the backfill, page by page: LookupEvents answers newest
 * first). The ids of the events read at the edges let a read that starts there again count nothing
 * twice (a page can end inside one second; CloudTrail delivers late, so forward reads overlap).
 */
export interface LookupCoverage {
  lo: string;
  loSeen: string[];
  hi: string;
  hiSeen: string[];
  /** `lo` reached the horizon: this event name's 90 days are read. */
  backfilled: boolean;
  /** How much the next forward read takes at a time (the reader adapts it); absent: its default. */
  stepMs?: number;
}

/** Where the next read of a connection's activity starts, per event name. */
export interface ActivityCursor {
  version: 2;
  lookups: Record<string, LookupCoverage>;
}

/** What a cursor says is known: the time range every event name is read over. */
export interface ActivityCoverage {
  /** The oldest time from which every event name is read (the latest of their `lo`s). */
  knownSince: string;
  /** The newest time up to which every event name is read (the earliest of their `hi`s). */
  asOf: string;
  /** Every event name is read back to the horizon. */
  backfilled: boolean;
}

export function activityCoverage(cursor: ActivityCursor | null): ActivityCoverage | null {
  const lookups = cursor === null ? [] : Object.values(cursor.lookups);
  if (lookups.length === 0) return null;
  let knownSince = "";
  let asOf = "\uffff";
  let backfilled = true;
  for (const l of lookups) {
    if (l.lo > knownSince) knownSince = l.lo;
    if (l.hi < asOf) asOf = l.hi;
    backfilled &&= l.backfilled;
  }
  return { knownSince, asOf, backfilled };
}

/**
 * A stored cursor as a version-2 cursor. Version 1 (`latestEventAt`, `seenEventIds`) was written
 * when the first read took the whole 90 days at once: its history reaches back 90 days before the
 * first read, for every event name.
 */
export function upgradeCursor(
  stored: unknown,
  firstReadAt: string | null,
  names: readonly string[],
): ActivityCursor | null {
  if (typeof stored !== "object" || stored === null) return null;
  const v = stored as Record<string, unknown>;
  if (v.version === 2 && typeof v.lookups === "object" && v.lookups !== null) return stored as ActivityCursor;
  if (typeof v.latestEventAt !== "string" || firstReadAt === null) return null;
  const seen = Array.isArray(v.seenEventIds) ? v.seenEventIds.filter((id) => typeof id === "string") : [];
  const lo = new Date(Date.parse(firstReadAt) - ACTIVITY_HORIZON_DAYS * DAY_MS).toISOString();
  const lookups: Record<string, LookupCoverage> = {};
  for (const name of names)
    lookups[name] = { lo, loSeen: [], hi: v.latestEventAt, hiSeen: seen, backfilled: true };
  return { version: 2, lookups };
}

export interface ActivityReadStats {
  /** Events that counted (sign-ins and federations of this identity store), duplicates excluded. */
  events: number;
  /** Events whose CloudTrailEvent JSON could not be read as a sign-in or federation. */
  malformed: number;
  /** Failed sign-ins, other identity stores' users, other events. */
  ignored: number;
  /** Events read again in the overlap with the previous read. */
  duplicates: number;
  /** Federations into a permission set the snapshot does not hold (renamed or deleted since). */
  unmatched: number;
  /** LookupEvents calls made. */
  calls: number;
  /** The time range read (ISO): the oldest time the backfill reached to the read's end. */
  from: string;
  to: string;
  /** Left to read when this read stopped (its time was up): the rest of the 90 days, or a gap. */
  pending: boolean;
}

export interface SignIn {
  userId: string;
  at: string;
}

export interface AccessUse {
  userId: string;
  accountId: string;
  permissionSetArn: string;
  at: string;
}

/** What one sync's read of CloudTrail gave. */
export type ActivityRead =
  | {
      status: "read";
      /** The cursor after this read. */
      cursor: ActivityCursor;
      /** The latest sign-in per user in this read (federations count: they need a signed-in user). */
      signIns: SignIn[];
      /** The latest federation per (user, account, permission set) in this read. */
      uses: AccessUse[];
      stats: ActivityReadStats;
    }
  /** Denied (cloudtrail:LookupEvents not granted): activity is unknown until it is granted. */
  | { status: "denied"; message: string }
  /** Failed after retries: this sync leaves the stored activity as it was. */
  | { status: "failed"; message: string };

export type ActivityState = "available" | "denied" | "failed" | "never_read";

/** The per-connection activity state as stored (one row per connection). */
export interface StoredActivityState {
  state: ActivityState;
  /** Where the next read starts (upgraded from version 1); null before the first read. */
  cursor: ActivityCursor | null;
  /** What the cursor covers; null before the first read. */
  coverage: ActivityCoverage | null;
  /** The last successful read, and the first (what is known reaches 90 days before it). */
  readAt: string | null;
  firstReadAt: string | null;
  message: string | null;
  stats: ActivityReadStats | null;
}

/** What the inactivity rules read: only present when activity is known. */
export interface FindingsActivity {
  /** The time the activity is known up to (the last successful read). */
  asOf: string;
  /** What is known reaches back to here (first read less 90 days). */
  knownSince: string;
  /** Latest sign-in per user id (users absent: none known). */
  lastSignInAt: ReadonlyMap<string, string>;
  /** Latest use per access key (accessKey()), absent: none known. */
  lastUsedAt: ReadonlyMap<string, string>;
  /** Access keys granted within the threshold (idc-sync saw them appear), so not yet "unused". */
  recentGrants: ReadonlySet<string>;
  /** Days without a sign-in or use that count as inactive / unused. Default 90. */
  thresholdDays: number;
}

export function accessKey(userId: string, accountId: string, permissionSetArn: string): string {
  return `${userId}\n${accountId}\n${permissionSetArn}`;
}

/** The later of two ISO times (either may be missing). */
export function laterOf(a: string | undefined | null, b: string | undefined | null): string | undefined {
  if (a == null) return b ?? undefined;
  if (b == null) return a;
  return a >= b ? a : b;
}

/** Stored activity facts the findings merge with a sync's read. */
export interface StoredActivityFacts {
  lastSignInAt: Map<string, string>;
  lastUsedAt: Map<string, string>;
  /** Access keys a sync wrote after the given time (not at the connection's first sync). */
  recentGrants: Set<string>;
}

/** A connection's usage at a glance; counts are null while activity is not available. */
export interface UsageSummary {
  state: ActivityState;
  readAt: string | null;
  /**
   * How far back the history is read: the 90 days are being read (a connection's first read takes
   * hours at scale, at CloudTrail's 2 requests a second) until `backfilled`. Counts that need a
   * longer look back than `knownSince` gives are null meanwhile, never a guess.
   */
  knownSince: string | null;
  backfilled: boolean;
  /** Why activity is not available (the denial or failure), else null. */
  message: string | null;
  horizonDays: number;
  /** Live (not DELETED) users. */
  users: number;
  activeLast30Days: number | null;
  activeLast90Days: number | null;
  /** Live users with no sign-in in the last 90 days (CloudTrail's horizon: "never" as far as known). */
  neverSeen: number | null;
  /** ENABLED users with access and no sign-in in 90 days. */
  inactiveUsersWithAccess: number | null;
  /** Access rows (seats) held by ENABLED users with no sign-in in 90 days. */
  seatsHeldByInactive: number | null;
}
