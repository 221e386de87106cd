// User lists (keyset paging over indexed sort keys, stays fast at 100,000 users) and one user's detail.
import { sql } from "kysely";
import type { Selectable, SelectQueryBuilder } from "kysely";
import { NotFoundError } from "../domain/errors.js";
import { LICENSE_TYPE } from "../domain/model.js";
import type { StoreContext } from "./context.js";
import { toNumber } from "./dialect.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { exportUser, parseJson, storedUser } from "./rows.js";
import type { Database, UsersTable } from "./schema.js";
import type { ListUsersOptions, UserCounts, UserDetail, UserPage, UserSortKey, UserView } from "./store.js";
import { connectionRow } from "./store-connections.js";
import { accessViews } from "./store-access.js";

type UserColumn = keyof UsersTable;

/** Sort columns per sort key; all NOT NULL and unique in the end, so keyset paging is exact. */
const SORT_COLUMNS: Record<UserSortKey, UserColumn[]> = {
  userName: ["user_name"],
  displayName: ["display_name_sort"],
  status: ["status", "user_name"],
  firstSeenAt: ["first_seen_at"],
};

export function likePattern(search: string): string {
  return `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function userView(row: Selectable<UsersTable>): UserView {
  return { connectionId: row.connection_id, ...exportUser(storedUser(row)) };
}

async function scopeConnections(
  ctx: StoreContext,
  orgId: string,
  connectionId: string | undefined,
): Promise<string[]> {
  if (connectionId !== undefined) return [(await connectionRow(ctx.db, orgId, connectionId)).id];
  const rows = await ctx.db
    .selectFrom("connections")
    .select("id")
    .where("organization_id", "=", orgId)
    .execute();
  return rows.map((r) => r.id);
}

export async function listUsers(
  ctx: StoreContext,
  orgId: string,
  options: ListUsersOptions = {},
): Promise<UserPage> {
  const limit = pageLimit(options.limit);
  const sort = options.sort ?? "userName";
  const order = options.order ?? "asc";
  const connectionIds = await scopeConnections(ctx, orgId, options.connectionId);
  const licensed = options.licenseType === undefined || options.licenseType === LICENSE_TYPE;
  if (connectionIds.length === 0 || !licensed) {
    return { items: [], nextCursor: null, counts: emptyCounts() };
  }
  // With one connection, connection_id is fixed by equality and left out of the order, so the
  // (connection_id, sort columns..., user_id) indexes serve the order directly.
  const columns: UserColumn[] = [
    ...SORT_COLUMNS[sort],
    ...(connectionIds.length > 1 ? (["connection_id"] as const) : []),
    "user_id",
  ];
  const tag = `users:${sort}:${order}:${connectionIds.length > 1 ? "n" : "1"}`;

  let base: UsersQuery = ctx.db.selectFrom("users");
  base =
    connectionIds.length === 1
      ? base.where("connection_id", "=", connectionIds[0] as string)
      : base.where("connection_id", "in", connectionIds);
  if (options.search !== undefined && options.search.trim() !== "") {
    base = base.where(
      sql<boolean>`${sql.ref("search_text")} like ${likePattern(options.search.trim())} escape '\\'`,
    );
  }

  let query = base.selectAll();
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  if (options.cursor != null) {
    const key = decodeCursor(tag, options.cursor, columns.length);
    const op = order === "asc" ? sql.raw(">") : sql.raw("<");
    query = query.where(sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) ${op} (${sql.join(key)})`);
  }
  for (const c of columns) query = query.orderBy(c, order);
  const rows = await query.limit(limit + 1).execute();

  const counts = options.withCounts === false ? emptyCounts() : await countUsers(base);
  return {
    ...toPage(rows, limit, userView, (r) =>
      encodeCursor(
        tag,
        columns.map((c) => r[c] as string),
      ),
    ),
    counts,
  };
}

type UsersQuery = SelectQueryBuilder<Database, "users", object>;

async function countUsers(base: UsersQuery): Promise<UserCounts> {
  const rows = await base
    .select(["status", (eb) => eb.fn.countAll<string | number>().as("n")])
    .groupBy("status")
    .execute();
  const byStatus = (s: string) => toNumber(rows.find((r) => r.status === s)?.n);
  const total = byStatus("ENABLED") + byStatus("DISABLED") + byStatus("DELETED");
  return {
    total,
    byStatus: { ENABLED: byStatus("ENABLED"), DISABLED: byStatus("DISABLED"), DELETED: byStatus("DELETED") },
    byLicenseType: total === 0 ? {} : { [LICENSE_TYPE]: total },
  };
}

function emptyCounts(): UserCounts {
  return { total: 0, byStatus: { ENABLED: 0, DISABLED: 0, DELETED: 0 }, byLicenseType: {} };
}

export async function getUser(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  userId: string,
): Promise<UserDetail> {
  await connectionRow(ctx.db, orgId, connectionId);
  const row = await ctx.db
    .selectFrom("users")
    .selectAll()
    .where("connection_id", "=", connectionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new NotFoundError(`user ${userId} not found in connection ${connectionId}`);
  }
  const groups = await ctx.db
    .selectFrom("group_memberships as m")
    .innerJoin("groups as g", (j) =>
      j.onRef("g.connection_id", "=", "m.connection_id").onRef("g.group_id", "=", "m.group_id"),
    )
    .select(["g.group_id", "g.display_name", "g.description"])
    .where("m.connection_id", "=", connectionId)
    .where("m.user_id", "=", userId)
    .orderBy("g.group_id")
    .execute();
  const access = await ctx.db
    .selectFrom("access_grants as a")
    .leftJoin("accounts as ac", (j) =>
      j.onRef("ac.connection_id", "=", "a.connection_id").onRef("ac.account_id", "=", "a.account_id"),
    )
    .leftJoin("permission_sets as ps", (j) =>
      j.onRef("ps.connection_id", "=", "a.connection_id").onRef("ps.arn", "=", "a.permission_set_arn"),
    )
    .select([
      "a.account_id",
      "a.permission_set_arn",
      "a.via",
      "ac.name as account_name",
      "ps.name as permission_set_name",
    ])
    .where("a.connection_id", "=", connectionId)
    .where("a.user_id", "=", userId)
    .orderBy("a.account_id")
    .orderBy("a.permission_set_arn")
    .execute();
  const views = await accessViews(
    ctx,
    connectionId,
    access.map((a) => parseJson(a.via, [])),
  );
  return {
    user: userView(row),
    groups: groups.map((g) => ({
      groupId: g.group_id,
      displayName: g.display_name,
      description: g.description,
    })),
    access: access.map((a, i) => ({
      accountId: a.account_id,
      accountName: a.account_name,
      permissionSetArn: a.permission_set_arn,
      permissionSetName: a.permission_set_name,
      via: views[i] ?? [],
    })),
  };
}
