// Loading a connection's stored state for the engine's diff.
import type { StoreContext } from "./context.js";
import { chunks } from "./batch.js";
import { batchRows } from "./dialect.js";
import { sql } from "kysely";
import { account, assignment, group, permissionSet, STORED_USER_COLUMNS, storedUser } from "./rows.js";
import type { StoredState, StoredUser, UserScopedState } from "./store.js";
import { connectionRow } from "./store-connections.js";

export async function loadState(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<StoredState> {
  await connectionRow(ctx.db, orgId, connectionId);
  const db = ctx.db;
  const [users, groups, accounts, permissionSets, assignments] = await Promise.all([
    loadUsers(ctx, connectionId),
    db.selectFrom("groups").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("accounts").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("permission_sets").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("assignments").selectAll().where("connection_id", "=", connectionId).execute(),
  ]);
  return {
    users,
    groups: groups.map(group),
    accounts: accounts.map(account),
    permissionSets: permissionSets.map(permissionSet),
    assignments: assignments.map(assignment),
  };
}

/** Users read per query: rows as the driver returns them are several times a mapped user's size. */
const USER_PAGE = 5_000;

/** Every stored user of the connection, a page at a time by user id (the primary key's order). */
async function loadUsers(ctx: StoreContext, connectionId: string): Promise<StoredUser[]> {
  const users: StoredUser[] = [];
  let after: string | null = null;
  for (;;) {
    let query = ctx.db
      .selectFrom("users")
      .select(STORED_USER_COLUMNS)
      .where("connection_id", "=", connectionId)
      .orderBy(ctx.dialect.byteOrder(sql.ref("user_id")))
      .limit(USER_PAGE);
    // Compared in the order of the ORDER BY (byte order), or pages could skip or repeat users.
    if (after !== null) query = query.where(ctx.dialect.byteOrder(sql.ref("user_id")), ">", after);
    const rows = await query.execute();
    for (const row of rows) users.push(storedUser(row));
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length < USER_PAGE) return users;
    after = last.user_id;
  }
}

export async function loadUserScoped(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  userIds: string[],
): Promise<UserScopedState> {
  await connectionRow(ctx.db, orgId, connectionId);
  const out: UserScopedState = { memberships: [], access: [] };
  for (const ids of chunks(userIds, batchRows(1))) {
    const memberships = await ctx.db
      .selectFrom("group_memberships")
      .select(["group_id", "user_id"])
      .where("connection_id", "=", connectionId)
      .where("user_id", "in", ids)
      .orderBy(ctx.dialect.byteOrder(sql.ref("user_id")))
      .orderBy(ctx.dialect.byteOrder(sql.ref("group_id")))
      .execute();
    for (const m of memberships) out.memberships.push({ groupId: m.group_id, userId: m.user_id });
    const access = await ctx.db
      .selectFrom("access_grants")
      .select(["user_id", "account_id", "permission_set_arn", "via"])
      .where("connection_id", "=", connectionId)
      .where("user_id", "in", ids)
      .orderBy(ctx.dialect.byteOrder(sql.ref("user_id")))
      .orderBy(ctx.dialect.byteOrder(sql.ref("account_id")))
      .orderBy(ctx.dialect.byteOrder(sql.ref("permission_set_arn")))
      .execute();
    for (const a of access) {
      out.access.push({
        userId: a.user_id,
        accountId: a.account_id,
        permissionSetArn: a.permission_set_arn,
        via: a.via,
      });
    }
  }
  return out;
}
