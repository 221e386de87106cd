// Loading a connection's stored state for the engine's diff.
import type { StoreContext } from "./context.js";
import { chunks } from "./batch.js";
import { batchRows } from "./dialect.js";
import { account, assignment, group, permissionSet, storedUser } from "./rows.js";
import type { StoredState, UserScopedState } from "./store.js";
import { connectionRow } from "./store-connections.js";

export async function loadState(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<StoredState> {
  await connectionRow(ctx.db, orgId, connectionId);
  const db = ctx.db;
  const [users, groups, accounts, permissionSets, assignments] = await Promise.all([
    db.selectFrom("users").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("groups").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("accounts").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("permission_sets").selectAll().where("connection_id", "=", connectionId).execute(),
    db.selectFrom("assignments").selectAll().where("connection_id", "=", connectionId).execute(),
  ]);
  return {
    users: users.map(storedUser),
    groups: groups.map(group),
    accounts: accounts.map(account),
    permissionSets: permissionSets.map(permissionSet),
    assignments: assignments.map(assignment),
  };
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
      .execute();
    for (const m of memberships) out.memberships.push({ groupId: m.group_id, userId: m.user_id });
    const access = await ctx.db
      .selectFrom("access_grants")
      .select(["user_id", "account_id", "permission_set_arn", "via"])
      .where("connection_id", "=", connectionId)
      .where("user_id", "in", ids)
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
