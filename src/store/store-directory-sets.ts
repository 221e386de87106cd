// Directory queries for the explore pages, permission sets and accounts: lists with their counts
// (accounts, users who hold or reach, access rows), searched, sorted and paged by list-window.ts,
// and one of each with its assignments. Access rows hold only live users (the sync derives them
// from AWS's current state).
import { sql } from "kysely";
import { NotFoundError } from "../domain/errors.js";
import type { StoreContext } from "./context.js";
import { toNumber } from "./dialect.js";
import type {
  AccountDetail,
  AccountListItem,
  AccountSortKey,
  DirectoryListOptions,
  DirectoryPage,
  PermissionSetDetail,
  PermissionSetListItem,
  PermissionSetSortKey,
} from "./directory-types.js";
import { assignmentsWhere, assignmentViews, countMap } from "./directory-names.js";
import { compareNames, listWindow } from "./list-window.js";
import { account, permissionSet } from "./rows.js";
import { connectionRow } from "./store-connections.js";

/** Access rows counted per permission set or per account: distinct users and rows. */
async function accessCounts(
  ctx: StoreContext,
  connectionId: string,
  by: "permission_set_arn" | "account_id",
  only?: string,
): Promise<Map<string, { users: number; grants: number }>> {
  let q = ctx.db
    .selectFrom("access_grants")
    .select([
      `${by} as k`,
      sql<string | number>`count(distinct user_id)`.as("users"),
      (eb) => eb.fn.countAll<string | number>().as("grants"),
    ])
    .where("connection_id", "=", connectionId)
    .groupBy(by);
  if (only !== undefined) q = q.where(by, "=", only);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.k, { users: toNumber(r.users), grants: toNumber(r.grants) }]));
}

/** Distinct values of one assignment column per value of another (accounts per set, or sets per account). */
async function assignedCounts(
  ctx: StoreContext,
  connectionId: string,
  by: "permission_set_arn" | "account_id",
  only?: string,
): Promise<Map<string, number>> {
  const other = by === "account_id" ? "permission_set_arn" : "account_id";
  let q = ctx.db
    .selectFrom("assignments")
    .select([`${by} as k`, sql<string | number>`count(distinct ${sql.ref(other)})`.as("n")])
    .where("connection_id", "=", connectionId)
    .groupBy(by);
  if (only !== undefined) q = q.where(by, "=", only);
  return countMap(await q.execute());
}

async function permissionSetItems(
  ctx: StoreContext,
  connectionId: string,
  arn?: string,
): Promise<PermissionSetListItem[]> {
  let q = ctx.db.selectFrom("permission_sets").selectAll().where("connection_id", "=", connectionId);
  if (arn !== undefined) q = q.where("arn", "=", arn);
  const [rows, access, accounts] = await Promise.all([
    q.execute(),
    accessCounts(ctx, connectionId, "permission_set_arn", arn),
    assignedCounts(ctx, connectionId, "permission_set_arn", arn),
  ]);
  return rows.map((p) => ({
    arn: p.arn,
    name: p.name,
    description: p.description,
    sessionDuration: p.session_duration,
    accounts: accounts.get(p.arn) ?? 0,
    users: access.get(p.arn)?.users ?? 0,
    grants: access.get(p.arn)?.grants ?? 0,
  }));
}

export async function listPermissionSets(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: DirectoryListOptions<PermissionSetSortKey> = {},
): Promise<DirectoryPage<PermissionSetListItem>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const sort = options.sort ?? "name";
  return listWindow(
    await permissionSetItems(ctx, connectionId),
    {
      tag: `permission-sets:${sort}:${options.order ?? "asc"}`,
      text: (p) => [p.name, p.arn, p.description],
      key: (p) => (sort === "name" ? p.name : p[sort]),
      id: (p) => p.arn,
    },
    options,
  );
}

export async function getPermissionSet(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  arn: string,
): Promise<PermissionSetDetail> {
  await connectionRow(ctx.db, orgId, connectionId);
  const row = await ctx.db
    .selectFrom("permission_sets")
    .selectAll()
    .where("connection_id", "=", connectionId)
    .where("arn", "=", arn)
    .executeTakeFirst();
  if (row === undefined)
    throw new NotFoundError(`permission set ${arn} not found in connection ${connectionId}`);
  const [item] = await permissionSetItems(ctx, connectionId, arn);
  const [perAccount, assignments] = await Promise.all([
    ctx.db
      .selectFrom("access_grants")
      .select(["account_id as k", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("connection_id", "=", connectionId)
      .where("permission_set_arn", "=", arn)
      .groupBy("account_id")
      .execute(),
    assignmentsWhere(ctx, connectionId)
      .where("permission_set_arn", "=", arn)
      .orderBy("account_id")
      .orderBy("principal_type")
      .orderBy("principal_id")
      .execute(),
  ]);
  const users = countMap(perAccount);
  const views = await assignmentViews(ctx, connectionId, assignments);
  const accountIds = [...new Set(assignments.map((a) => a.account_id))];
  const names = new Map(views.map((v) => [v.accountId, v.accountName]));
  return {
    permissionSet: permissionSet(row),
    counts: { accounts: item?.accounts ?? 0, users: item?.users ?? 0, grants: item?.grants ?? 0 },
    accounts: accountIds
      .map((id) => ({ accountId: id, accountName: names.get(id) ?? null, users: users.get(id) ?? 0 }))
      .sort((a, b) => compareNames(a.accountName ?? a.accountId, b.accountName ?? b.accountId)),
    assignments: views,
  };
}

async function accountItems(
  ctx: StoreContext,
  connectionId: string,
  accountId?: string,
): Promise<AccountListItem[]> {
  let q = ctx.db.selectFrom("accounts").selectAll().where("connection_id", "=", connectionId);
  if (accountId !== undefined) q = q.where("account_id", "=", accountId);
  const [rows, access, sets] = await Promise.all([
    q.execute(),
    accessCounts(ctx, connectionId, "account_id", accountId),
    assignedCounts(ctx, connectionId, "account_id", accountId),
  ]);
  return rows.map((r) => ({
    ...account(r),
    permissionSets: sets.get(r.account_id) ?? 0,
    users: access.get(r.account_id)?.users ?? 0,
    grants: access.get(r.account_id)?.grants ?? 0,
  }));
}

export async function listAccounts(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: DirectoryListOptions<AccountSortKey> = {},
): Promise<DirectoryPage<AccountListItem>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const sort = options.sort ?? "name";
  return listWindow(
    await accountItems(ctx, connectionId),
    {
      tag: `accounts:${sort}:${options.order ?? "asc"}`,
      text: (a) => [a.name, a.accountId, a.email, ...Object.entries(a.tags).map(([k, v]) => `${k}=${v}`)],
      key: (a) => (sort === "name" ? (a.name ?? a.accountId) : sort === "id" ? a.accountId : a[sort]),
      id: (a) => a.accountId,
    },
    options,
  );
}

export async function getAccount(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  accountId: string,
): Promise<AccountDetail> {
  await connectionRow(ctx.db, orgId, connectionId);
  const [item] = await accountItems(ctx, connectionId, accountId);
  if (item === undefined)
    throw new NotFoundError(`account ${accountId} not found in connection ${connectionId}`);
  const [perSet, assignments] = await Promise.all([
    ctx.db
      .selectFrom("access_grants")
      .select(["permission_set_arn as k", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("connection_id", "=", connectionId)
      .where("account_id", "=", accountId)
      .groupBy("permission_set_arn")
      .execute(),
    assignmentsWhere(ctx, connectionId)
      .where("account_id", "=", accountId)
      .orderBy("permission_set_arn")
      .orderBy("principal_type")
      .orderBy("principal_id")
      .execute(),
  ]);
  const users = countMap(perSet);
  const views = await assignmentViews(ctx, connectionId, assignments);
  const arns = [...new Set(assignments.map((a) => a.permission_set_arn))];
  const names = new Map(views.map((v) => [v.permissionSetArn, v.permissionSetName]));
  const { permissionSets, users: reach, grants, ...acct } = item;
  return {
    account: acct,
    counts: { permissionSets, users: reach, grants },
    permissionSets: arns
      .map((arn) => ({ arn, name: names.get(arn) ?? null, users: users.get(arn) ?? 0 }))
      .sort((a, b) => compareNames(a.name ?? a.arn, b.name ?? b.arn)),
    assignments: views,
  };
}
