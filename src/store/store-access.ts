// Effective access by account -> permission set -> users, with the paths that grant it.
import { sql } from "kysely";
import type { AccessPath } from "../domain/model.js";
import type { StoreContext } from "./context.js";
import { toNumber } from "./dialect.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { parseJson } from "./rows.js";
import type { AccessPathView, AccessRow, AccessSummaryRow, ListAccessOptions, Page } from "./store.js";
import { connectionRow } from "./store-connections.js";

const ACCESS_TAG = "access.folded";

/** The stored paths of several rows, with group names looked up once for all of them. */
export async function accessViews(
  ctx: StoreContext,
  connectionId: string,
  vias: AccessPath[][],
): Promise<AccessPathView[][]> {
  const groupIds = [
    ...new Set(vias.flatMap((via) => via.flatMap((p) => (p.type === "GROUP" ? [p.groupId] : [])))),
  ];
  const names = new Map<string, string | null>();
  if (groupIds.length > 0) {
    const rows = await ctx.db
      .selectFrom("groups")
      .select(["group_id", "display_name"])
      .where("connection_id", "=", connectionId)
      .where("group_id", "in", groupIds)
      .execute();
    for (const r of rows) names.set(r.group_id, r.display_name);
  }
  return vias.map((via) =>
    via.map((p): AccessPathView =>
      p.type === "DIRECT"
        ? { type: "DIRECT" }
        : { type: "GROUP", groupId: p.groupId, groupName: names.get(p.groupId) ?? null },
    ),
  );
}

export async function listAccess(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: ListAccessOptions = {},
): Promise<Page<AccessRow>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const limit = pageLimit(options.limit);
  let query = ctx.db
    .selectFrom("access_grants as a")
    .innerJoin("users as u", (j) =>
      j.onRef("u.connection_id", "=", "a.connection_id").onRef("u.user_id", "=", "a.user_id"),
    )
    .leftJoin("accounts as ac", (j) =>
      j.onRef("ac.connection_id", "=", "a.connection_id").onRef("ac.account_id", "=", "a.account_id"),
    )
    .leftJoin("permission_sets as ps", (j) =>
      j.onRef("ps.connection_id", "=", "a.connection_id").onRef("ps.arn", "=", "a.permission_set_arn"),
    )
    .select([
      "a.account_id",
      "a.permission_set_arn",
      "a.user_name",
      "a.user_name_sort",
      "a.user_id",
      "a.via",
      "a.last_used_at",
      "u.display_name",
      "u.status",
      "ac.name as account_name",
      "ps.name as permission_set_name",
    ])
    .where("a.connection_id", "=", connectionId);
  if (options.accountId !== undefined) query = query.where("a.account_id", "=", options.accountId);
  if (options.permissionSetArn !== undefined)
    query = query.where("a.permission_set_arn", "=", options.permissionSetArn);
  if (options.userId !== undefined) query = query.where("a.user_id", "=", options.userId);
  const columns = ["a.account_id", "a.permission_set_arn", "a.user_name_sort", "a.user_id"] as const;
  if (options.cursor != null) {
    const key = decodeCursor(ACCESS_TAG, options.cursor, columns.length);
    query = query.where(sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) > (${sql.join(key)})`);
  }
  for (const c of columns) query = query.orderBy(c);
  const rows = await query.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const views = await accessViews(
    ctx,
    connectionId,
    page.map((r) => parseJson<AccessPath[]>(r.via, [])),
  );
  const viewByRow = new Map(page.map((r, i) => [r, views[i] ?? []]));
  return toPage(
    rows,
    limit,
    (r): AccessRow => ({
      accountId: r.account_id,
      accountName: r.account_name,
      permissionSetArn: r.permission_set_arn,
      permissionSetName: r.permission_set_name,
      userId: r.user_id,
      userName: r.user_name,
      lastUsedAt: r.last_used_at,
      displayName: r.display_name,
      status: r.status as AccessRow["status"],
      via: viewByRow.get(r) ?? [],
    }),
    (r) => encodeCursor(ACCESS_TAG, [r.account_id, r.permission_set_arn, r.user_name_sort, r.user_id]),
  );
}

export async function summarizeAccess(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<AccessSummaryRow[]> {
  await connectionRow(ctx.db, orgId, connectionId);
  const [groups, accounts, permissionSets] = await Promise.all([
    ctx.db
      .selectFrom("access_grants")
      .select(["account_id", "permission_set_arn", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("connection_id", "=", connectionId)
      .groupBy(["account_id", "permission_set_arn"])
      .orderBy("account_id")
      .orderBy("permission_set_arn")
      .execute(),
    ctx.db
      .selectFrom("accounts")
      .select(["account_id", "name"])
      .where("connection_id", "=", connectionId)
      .execute(),
    ctx.db
      .selectFrom("permission_sets")
      .select(["arn", "name"])
      .where("connection_id", "=", connectionId)
      .execute(),
  ]);
  const accountNames = new Map(accounts.map((a) => [a.account_id, a.name]));
  const psNames = new Map(permissionSets.map((p) => [p.arn, p.name]));
  return groups.map((g) => ({
    accountId: g.account_id,
    accountName: accountNames.get(g.account_id) ?? null,
    permissionSetArn: g.permission_set_arn,
    permissionSetName: psNames.get(g.permission_set_arn) ?? null,
    users: toNumber(g.n),
  }));
}
