// Directory queries for the explore pages, groups: the list (searched, sorted and paged by
// list-window.ts), one group with its assignments, and its members (paged in SQL: a group may hold
// every user). Memberships hold only live users: the sync derives them from AWS's current state.
import { sql } from "kysely";
import { NotFoundError } from "../domain/errors.js";
import type { StoreContext } from "./context.js";
import { toNumber } from "./dialect.js";
import type {
  DirectoryListOptions,
  DirectoryPage,
  GroupDetail,
  GroupListItem,
  GroupMember,
  GroupSortKey,
  MemberListOptions,
} from "./directory-types.js";
import { assignmentsWhere, assignmentViews, countMap } from "./directory-names.js";
import { listWindow } from "./list-window.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { connectionRow } from "./store-connections.js";
import { likePattern, searchTerm } from "./user-search.js";

async function groupItems(
  ctx: StoreContext,
  connectionId: string,
  groupId?: string,
): Promise<GroupListItem[]> {
  let groups = ctx.db
    .selectFrom("groups")
    .select(["group_id", "display_name", "description"])
    .where("connection_id", "=", connectionId);
  let members = ctx.db
    .selectFrom("group_memberships")
    .select(["group_id as k", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("connection_id", "=", connectionId)
    .groupBy("group_id");
  let assigned = ctx.db
    .selectFrom("assignments")
    .select(["principal_id as k", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("connection_id", "=", connectionId)
    .where("principal_type", "=", "GROUP")
    .groupBy("principal_id");
  if (groupId !== undefined) {
    groups = groups.where("group_id", "=", groupId);
    members = members.where("group_id", "=", groupId);
    assigned = assigned.where("principal_id", "=", groupId);
  }
  const [rows, m, a] = await Promise.all([groups.execute(), members.execute(), assigned.execute()]);
  const memberCounts = countMap(m);
  const assignmentCounts = countMap(a);
  return rows.map((g) => ({
    groupId: g.group_id,
    displayName: g.display_name,
    description: g.description,
    members: memberCounts.get(g.group_id) ?? 0,
    assignments: assignmentCounts.get(g.group_id) ?? 0,
  }));
}

export async function listGroups(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  options: DirectoryListOptions<GroupSortKey> = {},
): Promise<DirectoryPage<GroupListItem>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const sort = options.sort ?? "name";
  return listWindow(
    await groupItems(ctx, connectionId),
    {
      tag: `groups:${sort}:${options.order ?? "asc"}`,
      text: (g) => [g.displayName, g.groupId, g.description],
      key: (g) => (sort === "name" ? (g.displayName ?? g.groupId) : g[sort]),
      id: (g) => g.groupId,
    },
    options,
  );
}

export async function getGroup(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  groupId: string,
): Promise<GroupDetail> {
  await connectionRow(ctx.db, orgId, connectionId);
  const [group] = await groupItems(ctx, connectionId, groupId);
  if (group === undefined)
    throw new NotFoundError(`group ${groupId} not found in connection ${connectionId}`);
  const rows = await assignmentsWhere(ctx, connectionId)
    .where("principal_type", "=", "GROUP")
    .where("principal_id", "=", groupId)
    .orderBy("account_id")
    .orderBy("permission_set_arn")
    .execute();
  return { group, assignments: await assignmentViews(ctx, connectionId, rows) };
}

const MEMBERS_TAG = "members.folded";

/** A group's live members by user name (keyset paging in SQL), searched like the users list. */
export async function listGroupMembers(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  groupId: string,
  options: MemberListOptions = {},
): Promise<DirectoryPage<GroupMember>> {
  await connectionRow(ctx.db, orgId, connectionId);
  const exists = await ctx.db
    .selectFrom("groups")
    .select("group_id")
    .where("connection_id", "=", connectionId)
    .where("group_id", "=", groupId)
    .executeTakeFirst();
  if (exists === undefined)
    throw new NotFoundError(`group ${groupId} not found in connection ${connectionId}`);
  const limit = pageLimit(options.limit);
  const term = searchTerm(options.search) ?? "";
  let base = ctx.db
    .selectFrom("group_memberships as m")
    .innerJoin("users as u", (j) =>
      j.onRef("u.connection_id", "=", "m.connection_id").onRef("u.user_id", "=", "m.user_id"),
    )
    .where("m.connection_id", "=", connectionId)
    .where("m.group_id", "=", groupId);
  if (term !== "") base = base.where(sql<boolean>`u.search_text like ${likePattern(term)} escape '\\'`);
  let page = base.select([
    "u.user_id",
    "u.user_name",
    "u.user_name_sort",
    "u.display_name",
    "u.primary_email",
    "u.status",
  ]);
  if (options.cursor != null) {
    const key = decodeCursor(MEMBERS_TAG, options.cursor, 2);
    page = page.where(sql<boolean>`(u.user_name_sort, u.user_id) > (${sql.join(key)})`);
  }
  const [rows, count] = await Promise.all([
    page
      .orderBy("u.user_name_sort")
      .orderBy("u.user_id")
      .limit(limit + 1)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirst(),
  ]);
  return {
    ...toPage(
      rows,
      limit,
      (r): GroupMember => ({
        userId: r.user_id,
        userName: r.user_name,
        displayName: r.display_name,
        primaryEmail: r.primary_email,
        status: r.status as GroupMember["status"],
      }),
      (r) => encodeCursor(MEMBERS_TAG, [r.user_name_sort, r.user_id]),
    ),
    total: toNumber(count?.n),
  };
}
