// Sign-in activity in a sync: the cursor the read starts from, and what the inactivity rules may
// conclude after it (stored facts merged with this read). Activity is "known" only after a
// successful read (this sync's, a backfill turn's, or an earlier one when this one failed in
// passing), and only as far back as it was read; a denial or no read at all leaves the rules
// without it, so they stay silent.
import {
  DAY_MS,
  accessKey,
  activityCoverage,
  laterOf,
  type ActivityRead,
  type FindingsActivity,
  type StoredActivityState,
} from "../domain/activity.js";
import type { AccessGrant } from "../domain/model.js";
import type { SyncStore } from "./sync-store.js";

export const DEFAULT_INACTIVITY_DAYS = 90;

export interface FindingsActivityInput {
  store: SyncStore;
  orgId: string;
  connectionId: string;
  /** The commit time. */
  at: string;
  state: StoredActivityState;
  read: ActivityRead | undefined;
  /** Access rows this sync writes (new or changed); on the first sync, none is "granted recently". */
  writtenAccess: Iterable<AccessGrant>;
  firstSync: boolean;
  thresholdDays: number;
}

export async function findingsActivity(input: FindingsActivityInput): Promise<FindingsActivity | undefined> {
  const { read, state } = input;
  const fresh = read?.status === "read";
  const known = fresh || (read?.status !== "denied" && state.state === "available");
  if (!known) return undefined;
  // What is read reaches from knownSince to asOf for every event name (a first read starts now
  // and reaches back in turns: until it covers the threshold, the rules stay silent).
  const coverage = fresh ? activityCoverage(read.cursor) : state.coverage;
  if (coverage === null) return undefined;
  const { asOf, knownSince } = coverage;
  const grantedAfter = new Date(Date.parse(asOf) - input.thresholdDays * DAY_MS).toISOString();
  const stored = await input.store.loadActivityFacts(input.orgId, input.connectionId, grantedAfter);
  if (fresh) {
    for (const s of read.signIns)
      stored.lastSignInAt.set(s.userId, laterOf(stored.lastSignInAt.get(s.userId), s.at) ?? s.at);
    for (const u of read.uses) {
      const key = accessKey(u.userId, u.accountId, u.permissionSetArn);
      stored.lastUsedAt.set(key, laterOf(stored.lastUsedAt.get(key), u.at) ?? u.at);
    }
  }
  // Rows written now were granted now, or changed paths (counted as recent: silence over a guess).
  if (!input.firstSync)
    for (const a of input.writtenAccess)
      stored.recentGrants.add(accessKey(a.userId, a.accountId, a.permissionSetArn));
  return {
    asOf,
    knownSince,
    lastSignInAt: stored.lastSignInAt,
    lastUsedAt: stored.lastUsedAt,
    recentGrants: stored.recentGrants,
    thresholdDays: input.thresholdDays,
  };
}
