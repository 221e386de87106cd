// The export format (design.md section 3): the whole stored state of one connection, every array
// in canonical id order, so that two exports of the same state are byte-identical.
import type { ConnectionExport } from "../domain/export-format.js";
import { EXPORT_FORMAT_VERSION } from "../domain/export-format.js";
import type { Membership } from "../domain/model.js";
import {
  compareAccessGrants,
  compareAccounts,
  compareAssignments,
  compareGroups,
  compareMemberships,
  comparePermissionSets,
  compareStrings,
  isSorted,
} from "../domain/sort.js";
import type { StoreContext } from "./context.js";
import {
  accessGrant,
  account,
  assignment,
  exportUser,
  group,
  lastSignInOf,
  permissionSet,
  storedUser,
} from "./rows.js";
import { connectionRow } from "./store-connections.js";
import { exportFindings } from "./store-findings.js";
import { findingView } from "../domain/findings/view.js";

/** Rows come ordered by primary key from the database; sorted again only if its collation disagrees. */
function sorted<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  return isSorted(items, compare) ? items : items.sort(compare);
}

export async function exportConnection(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<ConnectionExport> {
  const conn = await connectionRow(ctx.db, orgId, connectionId);
  const db = ctx.db;
  const c = connectionId;
  const [users, groups, memberships, accounts, permissionSets, assignments, access] = await Promise.all([
    db.selectFrom("users").selectAll().where("connection_id", "=", c).orderBy("user_id").execute(),
    db.selectFrom("groups").selectAll().where("connection_id", "=", c).orderBy("group_id").execute(),
    db
      .selectFrom("group_memberships")
      .select(["group_id", "user_id"])
      .where("connection_id", "=", c)
      .orderBy("group_id")
      .orderBy("user_id")
      .execute(),
    db.selectFrom("accounts").selectAll().where("connection_id", "=", c).orderBy("account_id").execute(),
    db.selectFrom("permission_sets").selectAll().where("connection_id", "=", c).orderBy("arn").execute(),
    db
      .selectFrom("assignments")
      .selectAll()
      .where("connection_id", "=", c)
      .orderBy("account_id")
      .orderBy("permission_set_arn")
      .orderBy("principal_type")
      .orderBy("principal_id")
      .execute(),
    db
      .selectFrom("access_grants")
      .select(["user_id", "account_id", "permission_set_arn", "via", "last_used_at"])
      .where("connection_id", "=", c)
      .orderBy("user_id")
      .orderBy("account_id")
      .orderBy("permission_set_arn")
      .execute(),
  ]);
  const findings = (await exportFindings(ctx, orgId, connectionId)).map(findingView);
  const signIns = new Map(users.map((u) => [u.user_id, lastSignInOf(u.last_sign_in_at)]));
  const stored = sorted(users.map(storedUser), (a, b) => compareStrings(a.userId, b.userId));
  const live = new Set(stored.filter((u) => u.status !== "DELETED").map((u) => u.userId));
  const liveMemberships: Membership[] = memberships
    .filter((m) => live.has(m.user_id))
    .map((m) => ({ groupId: m.group_id, userId: m.user_id }));
  const liveAccess = access
    .filter((a) => live.has(a.user_id))
    .map((a) => ({ ...accessGrant(a), lastUsedAt: a.last_used_at }));
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    connection: {
      id: conn.id,
      name: conn.name,
      region: conn.region,
      identityStoreId: conn.identity_store_id,
      instanceArn: conn.instance_arn,
    },
    syncedAt: conn.last_synced_at,
    users: stored.map((u) => exportUser(u, signIns.get(u.userId) ?? null)),
    groups: sorted(groups.map(group), compareGroups),
    memberships: sorted(liveMemberships, compareMemberships),
    accounts: sorted(accounts.map(account), compareAccounts),
    permissionSets: sorted(permissionSets.map(permissionSet), comparePermissionSets),
    assignments: sorted(assignments.map(assignment), compareAssignments),
    access: sorted(liveAccess, compareAccessGrants),
    findings,
  };
}
