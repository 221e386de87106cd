// Sync runs: claiming a connection (one live run each, enforced by a partial unique index),
// leases that let a run of a dead process be taken over, and finishing without a commit.
import type { Selectable, Updateable } from "kysely";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import type { SyncStats, SyncWarning } from "../domain/model.js";
import type { HeldUser, SyncCounts, SyncRun, SyncRunState } from "../domain/sync-run.js";
import { ABANDONED_RUN_CODE } from "../domain/sync-run.js";
import type { Executor, StoreContext } from "./context.js";
import { newId, nowIso, writeTransaction } from "./context.js";
import { isUniqueViolation } from "./dialect.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { parseJson } from "./rows.js";
import type { SyncRunsTable } from "./schema.js";
import type { ClaimOptions, Page, SyncFinish } from "./store.js";
import { connectionRow } from "./store-connections.js";

export function syncRun(row: Selectable<SyncRunsTable>): SyncRun {
  return {
    id: row.id,
    connectionId: row.connection_id,
    organizationId: row.organization_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    state: row.state as SyncRunState,
    forced: row.forced === 1,
    counts:
      row.user_count === null
        ? null
        : {
            users: row.user_count,
            groups: row.group_count ?? 0,
            memberships: row.membership_count ?? 0,
            accounts: row.account_count ?? 0,
            permissionSets: row.permission_set_count ?? 0,
            assignments: row.assignment_count ?? 0,
            access: row.access_count ?? 0,
            orphanedAssignments: row.orphaned_assignment_count ?? 0,
            usersDeleted: row.users_deleted ?? 0,
            changes: row.change_count ?? 0,
          },
    callsByAction: parseJson<Record<string, number>>(row.api_calls, {}),
    retries: row.retries,
    throttles: row.throttles,
    warnings: parseJson<SyncWarning[]>(row.warnings, []),
    heldDeletions:
      row.live_users_before === null
        ? null
        : { liveUsers: row.live_users_before, users: parseJson<HeldUser[]>(row.held_deletions, []) },
    error:
      row.error_code === null
        ? null
        : { code: row.error_code, message: row.error_message ?? "", action: row.error_action },
  };
}

/** The columns a finished run sets from what it read. */
export function outcomeColumns(
  counts: SyncCounts | null | undefined,
  stats: SyncStats | null | undefined,
  warnings: SyncWarning[] | undefined,
): Updateable<SyncRunsTable> {
  const columns: Updateable<SyncRunsTable> = { warnings: JSON.stringify(warnings ?? []) };
  if (counts != null) {
    Object.assign(columns, {
      user_count: counts.users,
      group_count: counts.groups,
      membership_count: counts.memberships,
      account_count: counts.accounts,
      permission_set_count: counts.permissionSets,
      assignment_count: counts.assignments,
      access_count: counts.access,
      orphaned_assignment_count: counts.orphanedAssignments,
      users_deleted: counts.usersDeleted,
      change_count: counts.changes,
    });
  }
  if (stats != null) {
    Object.assign(columns, {
      api_calls: JSON.stringify(stats.callsByAction),
      retries: stats.retries,
      throttles: stats.throttles,
    });
  }
  return columns;
}

function leaseUntil(ctx: StoreContext, leaseMs: number): string {
  return new Date(ctx.now().getTime() + leaseMs).toISOString();
}

/**
 * Fails running runs whose lease has passed (their process died), optionally of one connection,
 * and puts their connections into `error` unless a newer run already owns them.
 */
export async function recoverStaleRuns(
  ctx: StoreContext,
  db: Executor,
  connectionId?: string,
): Promise<number> {
  const at = nowIso(ctx);
  let query = db
    .selectFrom("sync_runs")
    .select(["id", "connection_id", "lease_expires_at"])
    .where("state", "=", "running")
    .where("lease_expires_at", "<", at);
  if (connectionId !== undefined) query = query.where("connection_id", "=", connectionId);
  const stale = await query.execute();
  const message = "the process running this sync stopped before it finished; it was marked failed";
  for (const run of stale) {
    const res = await db
      .updateTable("sync_runs")
      .set({
        state: "failed",
        // It ended when its claim lapsed, not when this noticed: a run that took the connection
        // over since (possible from then on) must not seem to overlap it.
        finished_at: run.lease_expires_at ?? at,
        error_code: ABANDONED_RUN_CODE,
        error_message: message,
        error_action: null,
      })
      .where("id", "=", run.id)
      .where("state", "=", "running")
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) continue;
    await db
      .updateTable("connections")
      .set({
        state: "error",
        last_error_code: ABANDONED_RUN_CODE,
        last_error_message: message,
        last_error_action: null,
        last_run_state: "failed",
      })
      .where("id", "=", run.connection_id)
      .where("last_run_id", "=", run.id)
      .execute();
  }
  return stale.length;
}

export async function claimSyncRun(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: ClaimOptions,
): Promise<SyncRun> {
  const conn = await connectionRow(ctx.db, orgId, connectionId);
  const at = nowIso(ctx);
  const row: Selectable<SyncRunsTable> = {
    id: newId(),
    organization_id: orgId,
    connection_id: connectionId,
    started_at: at,
    finished_at: null,
    state: "running",
    forced: 0,
    lease_expires_at: leaseUntil(ctx, options.leaseMs),
    user_count: null,
    group_count: null,
    membership_count: null,
    account_count: null,
    permission_set_count: null,
    assignment_count: null,
    access_count: null,
    orphaned_assignment_count: null,
    users_deleted: null,
    change_count: null,
    api_calls: "{}",
    retries: 0,
    throttles: 0,
    warnings: "[]",
    error_code: null,
    error_message: null,
    error_action: null,
    live_users_before: null,
    held_deletions: null,
    progress_phase: null,
    progress_done: null,
    cancel_requested_at: null,
  };
  try {
    await writeTransaction(ctx, async (trx) => {
      await recoverStaleRuns(ctx, trx, connectionId);
      await trx.insertInto("sync_runs").values(row).execute();
      await trx
        .updateTable("connections")
        .set({ state: "syncing", last_run_id: row.id, last_run_state: "running", updated_at: at })
        .where("id", "=", connectionId)
        .execute();
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const other = await ctx.db
      .selectFrom("sync_runs")
      .select(["id", "started_at"])
      .where("connection_id", "=", connectionId)
      .where("state", "=", "running")
      .executeTakeFirst();
    const which = other === undefined ? "" : ` (run ${other.id}, started ${other.started_at})`;
    throw new ConflictError(
      `a sync of connection "${conn.name}" is already running${which}; wait for it to finish before starting another`,
      { cause: err },
    );
  }
  return syncRun(row);
}

export async function renewSyncRun(ctx: StoreContext, runId: string, leaseMs: number): Promise<boolean> {
  const res = await ctx.db
    .updateTable("sync_runs")
    .set({ lease_expires_at: leaseUntil(ctx, leaseMs) })
    .where("id", "=", runId)
    .where("state", "=", "running")
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/** Marks the run finished; ConflictError when it is no longer running (taken over or finished). */
export async function endRun(
  db: Executor,
  runId: string,
  set: Updateable<SyncRunsTable>,
): Promise<Selectable<SyncRunsTable>> {
  const res = await db
    .updateTable("sync_runs")
    .set({ ...set, lease_expires_at: null })
    .where("id", "=", runId)
    .where("state", "=", "running")
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) {
    throw new ConflictError(
      `sync run ${runId} is no longer running (it finished, or another process took it over after its lease expired); nothing was committed`,
    );
  }
  return db.selectFrom("sync_runs").selectAll().where("id", "=", runId).executeTakeFirstOrThrow();
}

export async function finishSyncRun(ctx: StoreContext, runId: string, finish: SyncFinish): Promise<SyncRun> {
  return writeTransaction(ctx, async (trx) => {
    const row = await endRun(trx, runId, {
      state: finish.state,
      finished_at: finish.at,
      error_code: finish.error.code,
      error_message: finish.error.message,
      error_action: finish.error.action,
      ...outcomeColumns(finish.counts, finish.stats, finish.warnings),
      ...(finish.heldDeletions === undefined
        ? {}
        : {
            live_users_before: finish.heldDeletions.liveUsers,
            held_deletions: JSON.stringify(finish.heldDeletions.users),
          }),
    });
    const conn = trx
      .updateTable("connections")
      .where("id", "=", row.connection_id)
      .where("last_run_id", "=", runId);
    if (finish.state === "failed") {
      await conn
        .set({
          state: "error",
          last_error_code: finish.error.code,
          last_error_message: finish.error.message,
          last_error_action: finish.error.action,
          last_run_state: "failed",
          updated_at: finish.at,
        })
        .execute();
    } else {
      // Drift protection held the commit: the stored state (and its freshness) is unchanged.
      const current = await trx
        .selectFrom("connections")
        .select(["last_synced_at", "last_error_code"])
        .where("id", "=", row.connection_id)
        .executeTakeFirstOrThrow();
      const state =
        current.last_error_code !== null
          ? "error"
          : current.last_synced_at !== null
            ? "connected"
            : "pending";
      await conn.set({ state, last_run_state: finish.state, updated_at: finish.at }).execute();
    }
    return syncRun(row);
  });
}

export async function getSyncRun(ctx: StoreContext, orgId: string, runId: string): Promise<SyncRun> {
  const row = await ctx.db
    .selectFrom("sync_runs")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", runId)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`sync run ${runId} not found in this organization`);
  return syncRun(row);
}

export async function listSyncRuns(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: { limit?: number; cursor?: string | null } = {},
): Promise<Page<SyncRun>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const limit = pageLimit(options.limit);
  let query = ctx.db.selectFrom("sync_runs").selectAll().where("connection_id", "=", connectionId);
  if (options.cursor != null) {
    const [startedAt, id] = decodeCursor("runs", options.cursor, 2).map(String) as [string, string];
    query = query.where((eb) => eb(eb.refTuple("started_at", "id"), "<", eb.tuple(startedAt, id)));
  }
  const rows = await query
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, syncRun, (r) => encodeCursor("runs", [r.started_at, r.id]));
}
