// Mapping between the entity tables' rows and the domain model, derived from the domain's field
// lists (src/domain/model.ts). JSON columns are written in one canonical shape, so equal values give
// equal text.
import type { Insertable, Selectable } from "kysely";
import type { ExportUser } from "../domain/export-format.js";
import { foldText } from "../domain/fold.js";
import { canonicalEntity, columnsOf, fromColumns, toColumns, type ColumnsOf } from "../domain/fields.js";
import { licenseTypesOf } from "../domain/license.js";
import type { AccessGrant, Account, Assignment, Group, PermissionSet, User } from "../domain/model.js";
import { ACCOUNT_FIELDS, GROUP_FIELDS, PERMISSION_SET_FIELDS, USER_FIELDS } from "../domain/model.js";
import { decodeVia, encodeVia } from "../domain/via.js";
import type {
  AccessGrantsTable,
  AccountsTable,
  AssignmentsTable,
  GroupsTable,
  PermissionSetsTable,
  UsersTable,
} from "./schema.js";
import type { StoredUser } from "./store.js";

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === "") return fallback;
  return JSON.parse(text) as T;
}

type NamedUser = Pick<StoredUser, "userName" | "displayName" | "givenName" | "familyName" | "emails">;

/**
 * The sort and search columns derived from a user's names (folded: domain/fold.ts), so that the
 * list's indexes give a case- and accent-insensitive order and search in both databases.
 */
export function derivedUserColumns(
  u: NamedUser,
): Pick<UsersTable, "user_name_sort" | "display_name_sort" | "search_text"> {
  return {
    user_name_sort: foldText(u.userName),
    display_name_sort: foldText(u.displayName ?? u.userName),
    search_text: foldText(
      [u.userName, u.displayName, u.givenName, u.familyName, ...u.emails]
        .filter((v): v is string => v !== null && v !== "")
        .join("\n"),
    ),
  };
}

export function userRow(connectionId: string, u: StoredUser): Insertable<UsersTable> {
  return {
    connection_id: connectionId,
    ...toColumns(USER_FIELDS, u as User),
    status: u.status,
    first_seen_at: u.firstSeenAt,
    deleted_at: u.deletedAt,
    ...derivedUserColumns(u),
  };
}

/** The columns storedUser reads (not the search and sort columns derived from them). */
export const STORED_USER_COLUMNS = [...columnsOf(USER_FIELDS), "first_seen_at", "deleted_at"] as const;

export function storedUser(
  row: Pick<Selectable<UsersTable>, (typeof STORED_USER_COLUMNS)[number]>,
): StoredUser {
  return {
    ...fromColumns(USER_FIELDS, row as ColumnsOf<typeof USER_FIELDS>),
    status: row.status as StoredUser["status"],
    firstSeenAt: row.first_seen_at,
    deletedAt: row.deleted_at,
  };
}

/** The export's user object: the user's fields in their list's order, then what the store adds. */
export function exportUser(u: StoredUser, lastSignInAt: string | null = null): ExportUser {
  return {
    ...canonicalEntity(USER_FIELDS, u as User),
    status: u.status,
    licenseTypes: licenseTypesOf(u.status),
    firstSeenAt: u.firstSeenAt,
    deletedAt: u.deletedAt,
    lastSignInAt,
  };
}

/** users.last_sign_in_at ('' = none, so the column can be a NOT NULL sort key) as the API shows it. */
export function lastSignInOf(column: string): string | null {
  return column === "" ? null : column;
}

export function groupRow(connectionId: string, g: Group): Insertable<GroupsTable> {
  return { connection_id: connectionId, ...toColumns(GROUP_FIELDS, g) };
}

export function group(row: Selectable<GroupsTable>): Group {
  return fromColumns(GROUP_FIELDS, row);
}

export function accountRow(connectionId: string, a: Account): Insertable<AccountsTable> {
  return { connection_id: connectionId, ...toColumns(ACCOUNT_FIELDS, a) };
}

export function account(row: Selectable<AccountsTable>): Account {
  return fromColumns(ACCOUNT_FIELDS, row);
}

export function permissionSetRow(connectionId: string, p: PermissionSet): Insertable<PermissionSetsTable> {
  return { connection_id: connectionId, ...toColumns(PERMISSION_SET_FIELDS, p) };
}

export function permissionSet(row: Selectable<PermissionSetsTable>): PermissionSet {
  return fromColumns(PERMISSION_SET_FIELDS, row);
}

export function assignmentRow(connectionId: string, a: Assignment): Insertable<AssignmentsTable> {
  return {
    connection_id: connectionId,
    account_id: a.accountId,
    permission_set_arn: a.permissionSetArn,
    principal_type: a.principalType,
    principal_id: a.principalId,
  };
}

export function assignment(row: Selectable<AssignmentsTable>): Assignment {
  return {
    accountId: row.account_id,
    permissionSetArn: row.permission_set_arn,
    principalType: row.principal_type as Assignment["principalType"],
    principalId: row.principal_id,
  };
}

export function accessRow(
  connectionId: string,
  a: AccessGrant,
  userName: string,
): Insertable<AccessGrantsTable> {
  return {
    connection_id: connectionId,
    user_id: a.userId,
    account_id: a.accountId,
    permission_set_arn: a.permissionSetArn,
    user_name: userName,
    user_name_sort: foldText(userName),
    via: encodeVia(a.via),
  };
}

export function accessGrant(
  row: Pick<Selectable<AccessGrantsTable>, "user_id" | "account_id" | "permission_set_arn" | "via">,
): AccessGrant {
  return {
    userId: row.user_id,
    accountId: row.account_id,
    permissionSetArn: row.permission_set_arn,
    via: decodeVia(row.via),
  };
}
