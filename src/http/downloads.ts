// The streamed downloads of the web's lists (GET /api/downloads/:list): each list read page by
// page from the store with the filters the page shows, written as CSV (flat cells: lists joined
// with "; ", access paths spelled out as "direct" or "via group NAME (ID)", names beside ids) or as
// one JSON array of the API's items.
import { csvCell } from "../domain/csv.js";
import { ValidationError } from "../domain/errors.js";
import type { Store } from "../store/store.js";
import type { DownloadList, DownloadQuery } from "./api-contract.js";
import { ACCOUNT_SORTS, GROUP_SORTS, PERMISSION_SET_SORTS, userSortSchema } from "./api-contract.js";

const PAGE = 1000;

/** One CSV line of cells, each written by the one cell writer (which neutralises formulas). */
const csvRow = (cells: readonly unknown[]) => `${cells.map(csvCell).join(",")}\r\n`;

interface Source<T> {
  columns: string[];
  cells(item: T): unknown[];
  fetch(cursor: string | null): Promise<{ items: T[]; nextCursor: string | null }>;
}

const joined = (values: readonly string[]) => values.join("; ");
const tagsText = (tags: Record<string, string>) => joined(Object.entries(tags).map(([k, v]) => `${k}=${v}`));

type Via = { type: "DIRECT" } | { type: "GROUP"; groupId: string; groupName: string | null };
export function viaText(via: readonly Via[]): string {
  return joined(
    via.map((p) => (p.type === "DIRECT" ? "direct" : `via group ${p.groupName ?? p.groupId} (${p.groupId})`)),
  );
}

function sortOf<S extends string>(sort: string | undefined, allowed: readonly S[]): S {
  if (sort === undefined) return allowed[0] as S;
  if ((allowed as readonly string[]).includes(sort)) return sort as S;
  throw new ValidationError("sort", `sort must be one of ${allowed.join(", ")} for this list; got ${sort}`);
}

function needConnection(query: DownloadQuery): string {
  if (query.connectionId === undefined)
    throw new ValidationError(
      "connectionId",
      "connectionId is required: name the connection whose list to download",
    );
  return query.connectionId;
}

const search = (q: string | undefined) => (q === undefined || q === "" ? {} : { search: q });

/** A list's source with its item type forgotten (the cells function still gets that list's items). */
function erase<T>(s: Source<T>): Source<unknown> {
  return { columns: s.columns, cells: (item) => s.cells(item as T), fetch: (cursor) => s.fetch(cursor) };
}

function source(store: Store, orgId: string, list: DownloadList, query: DownloadQuery): Source<unknown> {
  const base = { ...search(query.q), order: query.order, limit: PAGE };
  switch (list) {
    case "users": {
      const sort = sortOf(query.sort, userSortSchema.options);
      return erase({
        columns: [
          "connectionId",
          "userId",
          "userName",
          "displayName",
          "givenName",
          "familyName",
          "primaryEmail",
          "emails",
          "externalIds",
          "status",
          "licenseTypes",
          "firstSeenAt",
          "deletedAt",
          "lastSignInAt",
        ],
        cells: (u) => [
          u.connectionId,
          u.userId,
          u.userName,
          u.displayName,
          u.givenName,
          u.familyName,
          u.primaryEmail,
          joined(u.emails),
          joined(u.externalIds.map((x) => `${x.issuer}: ${x.id}`)),
          u.status,
          joined(u.licenseTypes),
          u.firstSeenAt,
          u.deletedAt,
          u.lastSignInAt,
        ],
        fetch: (cursor: string | null) =>
          store.listUsers(orgId, {
            ...base,
            ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
            ...(query.status === undefined ? {} : { status: query.status }),
            ...(query.licenseType === undefined ? {} : { licenseType: query.licenseType }),
            sort,
            cursor,
            withCounts: false,
          }),
      });
    }
    case "groups": {
      const connectionId = needConnection(query);
      const sort = sortOf(query.sort, GROUP_SORTS);
      return erase({
        columns: ["groupId", "displayName", "description", "members", "assignments"],
        cells: (g) => [g.groupId, g.displayName, g.description, g.members, g.assignments],
        fetch: (cursor: string | null) => store.listGroups(orgId, connectionId, { ...base, sort, cursor }),
      });
    }
    case "group-members": {
      const connectionId = needConnection(query);
      const groupId = query.groupId;
      if (groupId === undefined)
        throw new ValidationError("groupId", "groupId is required: name the group whose members to download");
      return erase({
        columns: ["groupId", "userId", "userName", "displayName", "primaryEmail", "status"],
        cells: (m) => [groupId, m.userId, m.userName, m.displayName, m.primaryEmail, m.status],
        fetch: (cursor: string | null) =>
          store.listGroupMembers(orgId, connectionId, groupId, { ...search(query.q), limit: PAGE, cursor }),
      });
    }
    case "permission-sets": {
      const connectionId = needConnection(query);
      const sort = sortOf(query.sort, PERMISSION_SET_SORTS);
      return erase({
        columns: ["arn", "name", "description", "sessionDuration", "accounts", "users", "grants"],
        cells: (p) => [p.arn, p.name, p.description, p.sessionDuration, p.accounts, p.users, p.grants],
        fetch: (cursor: string | null) =>
          store.listPermissionSets(orgId, connectionId, { ...base, sort, cursor }),
      });
    }
    case "accounts": {
      const connectionId = needConnection(query);
      const sort = sortOf(query.sort, ACCOUNT_SORTS);
      return erase({
        columns: ["accountId", "name", "email", "status", "tags", "permissionSets", "users", "grants"],
        cells: (a) => [
          a.accountId,
          a.name,
          a.email,
          a.status,
          tagsText(a.tags),
          a.permissionSets,
          a.users,
          a.grants,
        ],
        fetch: (cursor: string | null) => store.listAccounts(orgId, connectionId, { ...base, sort, cursor }),
      });
    }
    case "access": {
      const connectionId = needConnection(query);
      return erase({
        columns: [
          "accountId",
          "accountName",
          "permissionSetArn",
          "permissionSetName",
          "userId",
          "userName",
          "displayName",
          "status",
          "via",
          "lastUsedAt",
        ],
        cells: (r) => [
          r.accountId,
          r.accountName,
          r.permissionSetArn,
          r.permissionSetName,
          r.userId,
          r.userName,
          r.displayName,
          r.status,
          viaText(r.via),
          r.lastUsedAt,
        ],
        fetch: (cursor: string | null) =>
          store.listAccess(orgId, connectionId, {
            ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
            ...(query.permissionSetArn === undefined ? {} : { permissionSetArn: query.permissionSetArn }),
            ...(query.userId === undefined ? {} : { userId: query.userId }),
            limit: PAGE,
            cursor,
          }),
      });
    }
  }
}

/**
 * The download's text in pieces (one per page of rows). Reads the first page before returning, so
 * that a bad filter or a connection, group or list not found throws here, before anything is sent.
 */
export async function downloadChunks(
  store: Store,
  orgId: string,
  list: DownloadList,
  query: DownloadQuery,
): Promise<AsyncIterable<string>> {
  const src = source(store, orgId, list, query);
  const first = await src.fetch(null);
  const csv = query.format === "csv";
  const text = (items: unknown[], leading: boolean) =>
    csv
      ? items.map((item) => csvRow(src.cells(item))).join("")
      : items.map((item, i) => `${leading || i > 0 ? ",\n" : ""}${JSON.stringify(item)}`).join("");
  return (async function* () {
    yield csv ? csvRow(src.columns) : "[\n";
    let page = first;
    let written = 0;
    for (;;) {
      yield text(page.items, written > 0);
      written += page.items.length;
      if (page.nextCursor === null) break;
      page = await src.fetch(page.nextCursor);
    }
    if (!csv) yield "\n]\n";
  })();
}
