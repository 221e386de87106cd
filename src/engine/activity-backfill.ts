// The sign-in history's own turns. A connection's first read of CloudTrail's 90 days takes hours
// at scale (LookupEvents allows 2 requests a second: about 5 hours for 20,000 people signing in
// every working day), so a sync reads only what its identity read leaves time for and commits
// without waiting; these turns read the rest, each for a bounded time, and commit what they read
// (the latest sign-ins and uses, and the cursor) on their own. A lease on the connection's activity
// state keeps one reader at a time across processes, a sync or a turn. Until the history reaches
// back far enough, the inactivity findings stay silent (engine/sync-activity.ts).
import { randomUUID } from "node:crypto";
import { activityCoverage, type ActivityCursor, type ActivityRead } from "../domain/activity.js";
import type { Connection } from "../domain/connection.js";
import type { Organization } from "../domain/organization.js";
import type { ActivityStore } from "./sync-store.js";

/** Reads a connection's activity from the cursor until `stop()` (the connector, wired). */
export type ActivityReadFn = (
  connection: Connection,
  organization: Organization,
  signal: AbortSignal,
  options: {
    cursor: ActivityCursor | null;
    stop: () => boolean;
    permissionSets: readonly { name: string; arn: string }[];
  },
) => Promise<ActivityRead>;

export interface ActivityBackfillOptions {
  store: ActivityStore;
  read: ActivityReadFn;
  now?: () => Date;
  /** How long one turn reads before it commits (default 60 s). */
  turnMs?: number;
  /**
   * Called after the turn that completed a connection's 90-day backfill committed: the inactivity
   * findings can be evaluated now (the service starts a sync) rather than at the next schedule.
   */
  onBackfilled?: (orgId: string, connectionId: string) => void;
}

/** One turn reads this long by default: a minute of CloudTrail pages, then a commit. */
export const DEFAULT_TURN_MS = 60_000;
/** A turn's lease outlasts its reading by this much (the page in flight, retries, the commit). */
const LEASE_SLACK_MS = 120_000;

export class ActivityBackfill {
  private readonly store: ActivityStore;
  private readonly read: ActivityReadFn;
  private readonly now: () => Date;
  readonly turnMs: number;
  private readonly onBackfilled: ((orgId: string, connectionId: string) => void) | undefined;

  constructor(options: ActivityBackfillOptions) {
    this.store = options.store;
    this.read = options.read;
    this.now = options.now ?? (() => new Date());
    this.turnMs = options.turnMs ?? DEFAULT_TURN_MS;
    this.onBackfilled = options.onBackfilled;
  }

  /** Connections with history left to read and no reader now. */
  pending(): Promise<{ orgId: string; connectionId: string }[]> {
    return this.store.listPendingActivity(this.now().toISOString());
  }

  /**
   * One turn: reads for up to turnMs from the cursor and commits. Null when there was nothing to
   * do: another reader holds the connection, or its activity is not available (never read, or
   * denied: a sync reads it first, and finds out when the permission is granted).
   */
  async turn(orgId: string, connectionId: string, signal?: AbortSignal): Promise<ActivityRead | null> {
    const holder = `turn:${randomUUID()}`;
    const started = this.now().getTime();
    const leased = await this.store.claimActivity(orgId, connectionId, {
      holder,
      now: new Date(started).toISOString(),
      until: new Date(started + this.turnMs + LEASE_SLACK_MS).toISOString(),
    });
    if (!leased) return null;
    try {
      const state = await this.store.getActivityState(orgId, connectionId);
      if (state.state !== "available") return null;
      const [organization, connection, permissionSets] = await Promise.all([
        this.store.getOrganization(orgId),
        this.store.getConnection(orgId, connectionId),
        this.store.permissionSetNames(orgId, connectionId),
      ]);
      const deadline = performance.now() + this.turnMs;
      const read = await this.read(connection, organization, signal ?? new AbortController().signal, {
        cursor: state.cursor,
        stop: () => performance.now() >= deadline,
        permissionSets,
      });
      signal?.throwIfAborted();
      const written = await this.store.commitActivity(
        orgId,
        connectionId,
        holder,
        this.now().toISOString(),
        read,
      );
      if (written && read.status === "read" && state.coverage?.backfilled !== true) {
        if (activityCoverage(read.cursor)?.backfilled === true) this.onBackfilled?.(orgId, connectionId);
      }
      return read;
    } finally {
      await this.store.releaseActivity(connectionId, holder).catch(() => undefined);
    }
  }

  /** Turns until the connection has nothing left to read (the CLI, tests, the bench). */
  async toEnd(
    orgId: string,
    connectionId: string,
    signal?: AbortSignal,
    onTurn?: (read: ActivityRead) => void,
  ): Promise<ActivityRead | null> {
    let last: ActivityRead | null = null;
    for (;;) {
      const read = await this.turn(orgId, connectionId, signal);
      if (read === null) return last;
      last = read;
      onTurn?.(read);
      if (read.status !== "read" || !read.stats.pending) return last;
    }
  }
}
