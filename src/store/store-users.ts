// User lists (keyset paging over indexed sort keys, stays fast at 100,000 users) and one user's detail.
import { sql } from "kysely";
import type { Selectable } from "kysely";
import { NotFoundError } from "../domain/errors.js";
import { LICENSE_TYPE } from "../domain/model.js";
import type { StoreContext } from "./context.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { exportUser, lastSignInOf, parseJson, storedUser } from "./rows.js";
import type { UsersTable } from "./schema.js";
import type { ListUsersOptions, UserDetail, UserPage, UserSortKey, UserView } from "./store.js";
import { connectionRow } from "./store-connections.js";
import { accessViews } from "./store-access.js";
import type { StatusCounts } from "./user-counts.js";
import { noCounts, storedCounts, USER_COUNT_COLUMNS, userCounts } from "./user-counts.js";
import { searchTerm } from "./user-search.js";

type UserColumn = keyof UsersTable;

/** Sort columns per sort key; all NOT NULL and unique in the end, so keyset paging is exact. */
// Names sort by their folded keys (domain/fold.ts): case- and accent-insensitive, the same
// byte order in both databases ("aerin" before "Zoë").
const SORT_COLUMNS: Record<UserSortKey, UserColumn[]> = {
  userName: ["user_name_sort"],
  displayName: ["display_name_sort"],
  status: ["status", "user_name_sort"],
  firstSeenAt: ["first_seen_at"],
  // '' (no sign-in in CloudTrail's 90 days) sorts first ascending, last descending.
  lastSignInAt: ["last_sign_in_at"],
};

function userView(row: Selectable<UsersTable>): UserView {
  return {
    connectionId: row.connection_id,
    ...exportUser(storedUser(row), lastSignInOf(row.last_sign_in_at)),
  };
}

interface Scope {
  ids: string[];
  /** The connections' users per status, as the last commits counted them. */
  counts: StatusCounts;
}

async function scopeConnections(
  ctx: StoreContext,
  orgId: string,
  connectionId: string | undefined,
): Promise<Scope> {
  const rows =
    connectionId !== undefined
      ? [await connectionRow(ctx.db, orgId, connectionId)]
      : await ctx.db
          .selectFrom("connections")
          .select(["id", ...USER_COUNT_COLUMNS])
          .where("organization_id", "=", orgId)
          .execute();
  return { ids: rows.map((r) => r.id), counts: storedCounts(rows) };
}

export async function listUsers(
  ctx: StoreContext,
  orgId: string,
  options: ListUsersOptions = {},
): Promise<UserPage> {
  const limit = pageLimit(options.limit);
  const sort = options.sort ?? "userName";
  const order = options.order ?? "asc";
  const scope = await scopeConnections(ctx, orgId, options.connectionId);
  const connectionIds = scope.ids;
  const licensed = options.licenseType === undefined || options.licenseType === LICENSE_TYPE;
  if (connectionIds.length === 0 || !licensed) {
    return { items: [], nextCursor: null, counts: userCounts(noCounts()) };
  }
  // With one connection, connection_id is fixed by equality and left out of the order, so the
  // (connection_id, sort columns..., user_id) indexes serve the order directly.
  const columns: UserColumn[] = [
    ...SORT_COLUMNS[sort],
    ...(connectionIds.length > 1 ? (["connection_id"] as const) : []),
    "user_id",
  ];
  const tag = `users.folded:${sort}:${order}:${connectionIds.length > 1 ? "n" : "1"}`;
  const term = searchTerm(options.search);

  // The page's keys first, from the sort index alone (it holds every column named here), then
  // the page's rows: SQLite would otherwise read each row the index scan passes, not just the page's.
  // PostgreSQL sorts the matches of a search instead (the CTE): walking the sort index and
  // filtering, as it would by estimating matches spread evenly, reads every row before matches
  // that sort late (searching "zoë" by name: 90% of the users).
  let query = ctx.db.selectFrom("users").select([...new Set<UserColumn>(["connection_id", ...columns])]);
  query =
    connectionIds.length === 1
      ? query.where("connection_id", "=", connectionIds[0] as string)
      : query.where("connection_id", "in", connectionIds);
  if (term !== null) query = query.where(ctx.dialect.userSearch.condition(connectionIds, term));
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  // A deleted user holds no license (domain/license.ts).
  if (options.licenseType !== undefined) query = query.where("status", "!=", "DELETED");
  if (options.cursor != null) {
    const key = decodeCursor(tag, options.cursor, columns.length);
    const op = order === "asc" ? sql.raw(">") : sql.raw("<");
    query = query.where(sql<boolean>`(${sql.join(columns.map((c) => sql.ref(c)))}) ${op} (${sql.join(key)})`);
  }
  const keys =
    ctx.dialect.userSearch.materializeMatches && term !== null
      ? await ordered(
          ctx.db
            .with(
              (cte) => cte("matches").materialized(),
              () => query,
            )
            .selectFrom("matches")
            .selectAll(),
          columns,
          order,
        )
          .limit(limit + 1)
          .execute()
      : await ordered(query, columns, order)
          .limit(limit + 1)
          .execute();
  const page = toPage(
    keys,
    limit,
    (k) => k,
    (k) =>
      encodeCursor(
        tag,
        columns.map((c) => k[c] as string),
      ),
  );

  const counts =
    options.withCounts === false
      ? noCounts()
      : term === null
        ? scope.counts
        : await ctx.dialect.userSearch.counts(ctx.db, connectionIds, term);
  if (options.licenseType !== undefined) counts.DELETED = 0;
  return { items: await pageRows(ctx, page.items), nextCursor: page.nextCursor, counts: userCounts(counts) };
}

function ordered<Q extends { orderBy(c: UserColumn, o: "asc" | "desc"): Q }>(
  query: Q,
  columns: readonly UserColumn[],
  order: "asc" | "desc",
): Q {
  return columns.reduce((q, c) => q.orderBy(c, order), query);
}

/** The rows of a page's keys, in the keys' order. */
async function pageRows(
  ctx: StoreContext,
  keys: readonly { connection_id: string; user_id: string }[],
): Promise<UserView[]> {
  if (keys.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("users")
    .selectAll()
    .where((eb) =>
      eb(
        eb.refTuple("connection_id", "user_id"),
        "in",
        keys.map((k) => eb.tuple(k.connection_id, k.user_id)),
      ),
    )
    .execute();
  const byKey = new Map(rows.map((r) => [`${r.connection_id}\n${r.user_id}`, r]));
  return keys.flatMap((k) => {
    const row = byKey.get(`${k.connection_id}\n${k.user_id}`);
    return row === undefined ? [] : [userView(row)];
  });
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
      "a.last_used_at",
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
      lastUsedAt: a.last_used_at,
    })),
  };
}
