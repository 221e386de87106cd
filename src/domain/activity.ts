// Sign-in activity from CloudTrail (optional: cloudtrail:LookupEvents): what one read found, what
// is stored per connection, and what the findings may conclude from it. CloudTrail's event history
// holds 90 days, so that is the horizon of everything here: "never" means "not in the last 90 days".

/** CloudTrail's event history keeps management events this long. */
export const ACTIVITY_HORIZON_DAYS = 90;
export const DAY_MS = 86_400_000;

/**
 * Where the next read starts: the newest event time read so far, and the ids of the events read
 * at or after (that time less the overlap), so that reading the overlap again counts nothing twice.
 */
export interface ActivityCursor {
  latestEventAt: string;
  seenEventIds: string[];
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
  /** The time range read (ISO). */
  from: string;
  to: string;
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
      cursor: ActivityCursor | null;
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
  cursor: ActivityCursor | null;
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
