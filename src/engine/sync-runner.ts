// Runs one sync of one connection: claim it (one run at a time, across processes), read AWS
// through the injected reader, compare with the stored state, and commit the new state with its
// changes and run record in one transaction. Drift protection holds runs that would delete too
// many users. Any failure leaves the stored state as it was, with the run recorded as failed.
import { storageErrorOf } from "../domain/storage-errors.js";
import type { Connection } from "../domain/connection.js";
import { AccessDeniedError, IdcSyncError, ValidationError } from "../domain/errors.js";
import type { ReadResult } from "../domain/model.js";
import type { Organization } from "../domain/organization.js";
import { compareStrings } from "../domain/sort.js";
import type { HeldDeletions, SyncCounts, SyncRun, SyncRunError } from "../domain/sync-run.js";
import { DEFAULT_MAX_DELETE_SHARE, DRIFT_PROTECTION_CODE, MAX_HELD_USERS } from "../domain/sync-run.js";
import type { StoredUser } from "../domain/sync-state.js";
import type { SyncStore } from "./sync-store.js";
import { computeSyncDiff } from "./diff/sync-diff.js";
import { evaluateSyncFindings } from "./sync-findings.js";
import { DEFAULT_INACTIVITY_DAYS, findingsActivity } from "./sync-activity.js";
import type { ActivityCursor } from "../domain/activity.js";

/** What the engine hands a read besides the connection: where the sign-in activity read starts. */
export interface ReadContextIn {
  activityCursor: ActivityCursor | null;
}

/** Reads one Identity Center instance (the connector's readIdentityCenter, adapted: sync-read.ts). */
export type ReadFn = (
  connection: Connection,
  organization: Organization,
  signal: AbortSignal,
  context?: ReadContextIn,
) => Promise<ReadResult>;

export interface SyncRunnerOptions {
  store: SyncStore;
  read: ReadFn;
  now?: () => Date;
  /** How long a claim holds without renewal (default 60 s); renewed every third of it. */
  leaseMs?: number;
  /** Default true. False leaves stored findings as they are (the benchmark's comparison only). */
  findings?: boolean;
  /** Days without a sign-in (or use) after which user.inactive (access.unused) reports. Default 90. */
  inactivityDays?: number;
}

export interface RunSyncOptions {
  /** Commit even if drift protection would hold the run. */
  force?: boolean;
  /** Share of the live users one run may delete without `force` (default 0.2). */
  maxDeleteShare?: number;
  signal?: AbortSignal;
  /** Called right after the run is claimed, before AWS is read ("Sync now" answers then). */
  onClaimed?: (run: SyncRun) => void;
}

/**
 * A killed sync blocks its connection this long before another process may take it over, so it
 * is short; the runner renews it every third of it (20 s), which a busy event loop still manages.
 */
export const DEFAULT_LEASE_MS = 60_000;

export class SyncRunner {
  private readonly store: SyncStore;
  private readonly read: ReadFn;
  private readonly now: () => Date;
  private readonly leaseMs: number;
  private readonly findings: boolean;
  private readonly inactivityDays: number;

  constructor(options: SyncRunnerOptions) {
    this.store = options.store;
    this.read = options.read;
    this.now = options.now ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.findings = options.findings ?? true;
    this.inactivityDays = options.inactivityDays ?? DEFAULT_INACTIVITY_DAYS;
  }

  /**
   * Runs a sync to its end and returns the run record (succeeded, failed or needs_confirmation).
   * Throws only before a run exists: NotFoundError, ValidationError, or ConflictError while
   * another run of the connection is live.
   */
  async run(orgId: string, connectionId: string, options: RunSyncOptions = {}): Promise<SyncRun> {
    const maxDeleteShare = options.maxDeleteShare ?? DEFAULT_MAX_DELETE_SHARE;
    if (!(maxDeleteShare >= 0 && maxDeleteShare <= 1)) {
      throw new ValidationError(
        "maxDeleteShare",
        `maxDeleteShare must be between 0 and 1; got ${maxDeleteShare}`,
      );
    }
    const organization = await this.store.getOrganization(orgId);
    const connection = await this.store.getConnection(orgId, connectionId);
    const run = await this.store.claimSyncRun(orgId, connectionId, { leaseMs: this.leaseMs });
    options.onClaimed?.(run);

    const lost = new AbortController();
    const signal =
      options.signal === undefined ? lost.signal : AbortSignal.any([options.signal, lost.signal]);
    // The sync reads sign-in activity when no backfill turn is reading it now (their lease).
    const holder = `sync:${run.id}`;
    const leaseUntil = () => new Date(this.now().getTime() + this.leaseMs).toISOString();
    const readsActivity = await this.store
      .claimActivity(orgId, connectionId, { holder, now: this.now().toISOString(), until: leaseUntil() })
      .catch(() => false);
    const heartbeat = this.startHeartbeat(run.id, lost, () =>
      readsActivity ? this.store.renewActivity(connectionId, holder, leaseUntil()) : Promise.resolve(true),
    );
    let result: ReadResult | undefined;
    let counts: SyncCounts | null = null;
    try {
      const activityState = await this.store.getActivityState(orgId, connectionId);
      result = await this.read(
        connection,
        organization,
        signal,
        readsActivity ? { activityCursor: activityState.cursor } : undefined,
      );
      signal.throwIfAborted();
      const { snapshot, stats, warnings } = result;
      const at = this.now().toISOString();
      const diff = await computeSyncDiff(
        this.store,
        orgId,
        connectionId,
        snapshot,
        at,
        connection.lastSyncedAt === null,
      );
      counts = {
        users: snapshot.users.length,
        groups: snapshot.groups.length,
        memberships: snapshot.memberships.length,
        accounts: snapshot.accounts.length,
        permissionSets: snapshot.permissionSets.length,
        assignments: snapshot.assignments.length,
        access: snapshot.access.length,
        orphanedAssignments: snapshot.orphanedAssignments.length,
        usersDeleted: diff.usersDeleted,
        changes: 0,
      };
      const force = options.force === true;
      if (!force && diff.liveUsersBefore > 0 && diff.usersDeleted > maxDeleteShare * diff.liveUsersBefore) {
        const share = Math.round((100 * diff.usersDeleted) / diff.liveUsersBefore);
        return await this.store.finishSyncRun(run.id, {
          state: "needs_confirmation",
          at,
          error: {
            code: DRIFT_PROTECTION_CODE,
            message:
              `this sync would delete ${diff.usersDeleted} of ${diff.liveUsersBefore} users (${share}%), more than the ` +
              `${Math.round(maxDeleteShare * 100)}% allowed at once; nothing was changed. If the users were really removed ` +
              "in AWS, run the sync again with force to commit it",
            action: null,
          },
          counts,
          stats,
          warnings,
          heldDeletions: heldDeletions(diff.writes.users, at, diff.liveUsersBefore),
        });
      }
      signal.throwIfAborted();
      const findings = this.findings
        ? await evaluateSyncFindings(
            this.store,
            orgId,
            connectionId,
            snapshot,
            at,
            await findingsActivity({
              store: this.store,
              orgId,
              connectionId,
              at,
              state: activityState,
              read: result.activity,
              writtenAccess: diff.writes.access.upsert,
              firstSync: connection.lastSyncedAt === null,
              thresholdDays: this.inactivityDays,
            }),
          )
        : undefined;
      signal.throwIfAborted();
      return await this.store.commitSyncRun(run.id, {
        at,
        forced: force && diff.usersDeleted > maxDeleteShare * diff.liveUsersBefore,
        counts,
        stats,
        warnings,
        writes: diff.writes,
        changes:
          findings === undefined || findings.changes.length === 0
            ? diff.changes
            : diff.changes.concat(findings.changes),
        ...(findings === undefined ? {} : { findings: findings.commit }),
        ...(result.activity === undefined ? {} : { activity: { read: result.activity, holder } }),
      });
    } catch (err) {
      return await this.fail(orgId, run, err, signal, counts, result);
    } finally {
      clearInterval(heartbeat);
      // Committed, the lease is gone already; otherwise the next reader may start at once.
      if (readsActivity) await this.store.releaseActivity(connectionId, holder).catch(() => undefined);
    }
  }

  private startHeartbeat(
    runId: string,
    lost: AbortController,
    renewActivity: () => Promise<boolean>,
  ): NodeJS.Timeout {
    let busy = false;
    const timer = setInterval(
      () => {
        if (busy) return;
        busy = true;
        // A lost activity lease costs only this sync's activity read (its commit skips it).
        void renewActivity().catch(() => false);
        this.store
          .renewSyncRun(runId, this.leaseMs)
          .then((held) => {
            if (!held)
              lost.abort(new IdcSyncError("lease_lost", "this run lost its claim on the connection"));
          })
          // A failed renewal is retried on the next beat; the lease outlives several beats.
          .catch(() => undefined)
          .finally(() => {
            busy = false;
          });
      },
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
    timer.unref();
    return timer;
  }

  private async fail(
    orgId: string,
    run: SyncRun,
    err: unknown,
    signal: AbortSignal,
    counts: SyncCounts | null,
    result: ReadResult | undefined,
  ): Promise<SyncRun> {
    try {
      return await this.store.finishSyncRun(run.id, {
        state: "failed",
        at: this.now().toISOString(),
        error: runError(err, signal),
        counts,
        stats: result?.stats ?? null,
        warnings: result?.warnings ?? [],
      });
    } catch {
      // The run was taken over (its lease expired) or the database is gone: report what is stored.
      return this.store
        .getSyncRun(orgId, run.id)
        .catch(() => ({ ...run, state: "failed", error: runError(err, signal) }));
    }
  }
}

export function runError(err: unknown, signal?: AbortSignal): SyncRunError {
  if (signal?.aborted === true) {
    const reason: unknown = signal.reason;
    if (reason instanceof IdcSyncError) return { code: reason.code, message: reason.message, action: null };
    return {
      code: "aborted",
      message: "the sync was stopped before it finished; nothing was changed",
      action: null,
    };
  }
  if (err instanceof AccessDeniedError) return { code: err.code, message: err.message, action: err.action };
  if (err instanceof IdcSyncError) return { code: err.code, message: err.message, action: null };
  const storage = storageErrorOf(err);
  if (storage !== null) return { code: storage.code, message: storage.message, action: null };
  const message = err instanceof Error ? err.message : String(err);
  return { code: "internal", message: `unexpected error: ${message}`, action: null };
}

/** The users a held run would have marked DELETED now, by user name (the first MAX_HELD_USERS). */
function heldDeletions(
  writes: readonly Pick<StoredUser, "userId" | "userName" | "displayName" | "status" | "deletedAt">[],
  at: string,
  liveUsers: number,
): HeldDeletions {
  const users = writes
    .filter((u) => u.status === "DELETED" && u.deletedAt === at)
    .map((u) => ({ userId: u.userId, userName: u.userName, displayName: u.displayName }))
    .sort((a, b) => compareStrings(a.userName, b.userName) || compareStrings(a.userId, b.userId))
    .slice(0, MAX_HELD_USERS);
  return { liveUsers, users };
}
