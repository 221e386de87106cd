// The commit of a sync: the new state's row changes, its change rows, its notification events
// (outbox) and its run record, in one transaction. Nothing of it is visible, or left behind, unless all of it is written.
import { updateColumnsOf } from "../domain/fields.js";
import { ACCOUNT_FIELDS, GROUP_FIELDS, PERMISSION_SET_FIELDS } from "../domain/model.js";
import type { SyncRun } from "../domain/sync-run.js";
import { chunks, deleteRows, insertMapped, insertRows, type ColumnOf, type Upsert } from "./batch.js";
import type { Executor, StoreContext } from "./context.js";
import { writeTransaction } from "./context.js";
import {
  accessRow,
  accountRow,
  assignmentRow,
  groupRow,
  permissionSetRow,
  STORED_USER_COLUMNS,
  userRow,
} from "./rows.js";
import type { TableName } from "./schema.js";
import type { StateWrites, SyncCommit } from "./store.js";
import { writeFindings } from "./store-findings.js";
import { writeActivity } from "./store-activity.js";
import { endRun, outcomeColumns, syncRun } from "./store-runs.js";
import { foldText } from "../domain/fold.js";
import { recountUsers } from "./user-counts.js";
import { writeOutbox } from "./store-outbox.js";

/** Every column but the key: the stored user's, and the sort and search columns derived from it. */
const USER_COLUMNS: readonly ColumnOf<"users">[] = [
  ...STORED_USER_COLUMNS.filter((c) => c !== "user_id"),
  "user_name_sort",
  "display_name_sort",
  "search_text",
];

/** Users mapped to rows and written at a time. */
const USER_SLICE = 5_000;

export async function commitSyncRun(ctx: StoreContext, runId: string, commit: SyncCommit): Promise<SyncRun> {
  const run = await writeTransaction(ctx, (trx) => commitInTransaction(ctx, trx, runId, commit));
  await ctx.dialect.refreshStatistics(ctx.db, written(commit.writes));
  return run;
}

/** Tables whose row counts a commit may change by many rows at once. */
function written(w: StateWrites): [TableName, number][] {
  return [
    ["users", w.users.length],
    ["group_memberships", w.memberships.add.length + w.memberships.remove.length],
    ["access_grants", w.access.upsert.length + w.access.remove.length],
  ];
}

async function commitInTransaction(
  ctx: StoreContext,
  trx: Executor,
  runId: string,
  commit: SyncCommit,
): Promise<SyncRun> {
  const row = await endRun(trx, runId, {
    state: "succeeded",
    finished_at: commit.at,
    forced: commit.forced ? 1 : 0,
    ...outcomeColumns({ ...commit.counts, changes: commit.changes.length }, commit.stats, commit.warnings),
  });
  const connectionId = row.connection_id;
  // Access rows of a connection's first sync were there before idc-sync looked: no first-seen time.
  const connection = await trx
    .selectFrom("connections")
    .select("last_synced_at")
    .where("id", "=", connectionId)
    .executeTakeFirst();
  const firstSeenAt = connection?.last_synced_at == null ? null : commit.at;
  await writeState(ctx, trx, connectionId, commit.writes, firstSeenAt);
  if (commit.activity !== undefined)
    await writeActivity(ctx, trx, connectionId, commit.at, commit.activity.read, commit.activity.holder);
  const userCounts = commit.writes.users.length === 0 ? {} : await recountUsers(trx, connectionId);
  if (commit.findings !== undefined)
    await writeFindings(ctx, trx, row.organization_id, connectionId, commit.at, commit.findings);
  await insertRows(
    ctx,
    trx,
    "changes",
    commit.changes.map((c) => ({
      organization_id: row.organization_id,
      connection_id: connectionId,
      sync_run_id: runId,
      at: commit.at,
      kind: c.kind,
      user_id: c.userId,
      group_id: c.groupId,
      account_id: c.accountId,
      permission_set_arn: c.permissionSetArn,
      detail: JSON.stringify(c.detail),
    })),
  );
  // The notifications of this sync, in its transaction: committed with it or not at all.
  await writeOutbox(trx, {
    organizationId: row.organization_id,
    connectionId,
    runId,
    at: commit.at,
    changes: commit.changes,
  });
  await trx
    .updateTable("connections")
    .set({
      state: "connected",
      last_synced_at: commit.at,
      last_error_code: null,
      last_error_message: null,
      last_error_action: null,
      last_warnings: JSON.stringify(commit.warnings),
      last_run_id: runId,
      last_run_state: "succeeded",
      updated_at: commit.at,
      ...userCounts,
    })
    .where("id", "=", connectionId)
    .execute();
  return syncRun(row);
}

async function writeState(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  w: StateWrites,
  firstSeenAt: string | null,
): Promise<void> {
  const c = connectionId;
  // Removals first, so that a key removed and added again in one commit cannot collide.
  await deleteRows(
    ctx,
    trx,
    "access_grants",
    c,
    ["user_id", "account_id", "permission_set_arn"],
    w.access.remove.map((k) => [k.userId, k.accountId, k.permissionSetArn]),
  );
  await deleteRows(
    ctx,
    trx,
    "group_memberships",
    c,
    ["group_id", "user_id"],
    w.memberships.remove.map((m) => [m.groupId, m.userId]),
  );
  await deleteRows(
    ctx,
    trx,
    "assignments",
    c,
    ["account_id", "permission_set_arn", "principal_type", "principal_id"],
    w.assignments.remove.map((a) => [a.accountId, a.permissionSetArn, a.principalType, a.principalId]),
  );
  await deleteRows(
    ctx,
    trx,
    "groups",
    c,
    ["group_id"],
    w.groups.remove.map((id) => [id]),
  );
  await deleteRows(
    ctx,
    trx,
    "accounts",
    c,
    ["account_id"],
    w.accounts.remove.map((id) => [id]),
  );
  await deleteRows(
    ctx,
    trx,
    "permission_sets",
    c,
    ["arn"],
    w.permissionSets.remove.map((arn) => [arn]),
  );

  // Every table here is keyed by connection first.
  const upsert = <T extends TableName>(
    keys: readonly ColumnOf<T>[],
    update: readonly ColumnOf<T>[],
  ): Upsert<T> => ({ keys: ["connection_id" as ColumnOf<T>, ...keys], update });
  await ctx.dialect.withIndexesDeferred(trx, "users", w.users.length, async () => {
    // Mapped a slice at a time: rows carry their JSON and search text, several times a user's size.
    for (const slice of chunks(w.users, USER_SLICE)) {
      const users = slice.map((u) => userRow(c, u));
      await insertRows(ctx, trx, "users", users, upsert(["user_id"], USER_COLUMNS));
      await ctx.dialect.userSearch.index(trx, c, users);
    }
  });
  await insertRows(
    ctx,
    trx,
    "groups",
    w.groups.upsert.map((g) => groupRow(c, g)),
    upsert(["group_id"], updateColumnsOf(GROUP_FIELDS)),
  );
  await insertRows(
    ctx,
    trx,
    "accounts",
    w.accounts.upsert.map((a) => accountRow(c, a)),
    upsert(["account_id"], updateColumnsOf(ACCOUNT_FIELDS)),
  );
  await insertRows(
    ctx,
    trx,
    "permission_sets",
    w.permissionSets.upsert.map((p) => permissionSetRow(c, p)),
    upsert(["arn"], updateColumnsOf(PERMISSION_SET_FIELDS)),
  );
  await ctx.dialect.withIndexesDeferred(trx, "group_memberships", w.memberships.add.length, () =>
    insertMapped(ctx, trx, "group_memberships", w.memberships.add, (m) => ({
      connection_id: c,
      group_id: m.groupId,
      user_id: m.userId,
    })),
  );
  await insertRows(
    ctx,
    trx,
    "assignments",
    w.assignments.add.map((a) => assignmentRow(c, a)),
  );
  await ctx.dialect.withIndexesDeferred(trx, "access_grants", w.access.upsert.length, () =>
    insertMapped(
      ctx,
      trx,
      "access_grants",
      w.access.upsert,
      (a) => ({ ...accessRow(c, a, w.userNames.get(a.userId) ?? a.userId), first_seen_at: firstSeenAt }),
      upsert(["user_id", "account_id", "permission_set_arn"], ["user_name", "user_name_sort", "via"]),
    ),
  );
  for (const u of w.renamedUsers) {
    await trx
      .updateTable("access_grants")
      .set({ user_name: u.userName, user_name_sort: foldText(u.userName) })
      .where("connection_id", "=", c)
      .where("user_id", "=", u.userId)
      .execute();
  }
}
