// Mapping between the entity tables' rows and the domain model. JSON columns are written with
// JSON.stringify in one canonical shape, so equal values give equal text.
import type { Insertable, Selectable } from "kysely";
import type { ExportUser } from "../domain/export-format.js";
import type { AccessGrant, Account, Assignment, Group, PermissionSet } from "../domain/model.js";
import { licenseTypesOf } from "../domain/license.js";
import { compareStrings, sortRecord } from "../domain/sort.js";
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

function searchText(u: StoredUser): string {
  return [u.userName, u.displayName, u.givenName, u.familyName, ...u.emails]
    .filter((v): v is string => v !== null && v !== "")
    .join("\n")
    .toLowerCase();
}

export function userRow(connectionId: string, u: StoredUser): Insertable<UsersTable> {
  return {
    connection_id: connectionId,
    user_id: u.userId,
    user_name: u.userName,
    display_name: u.displayName,
    given_name: u.givenName,
    family_name: u.familyName,
    emails: JSON.stringify(u.emails),
    primary_email: u.primaryEmail,
    external_ids: JSON.stringify(u.externalIds.map((e) => ({ issuer: e.issuer, id: e.id }))),
    status: u.status,
    first_seen_at: u.firstSeenAt,
    deleted_at: u.deletedAt,
    display_name_sort: u.displayName ?? u.userName,
    search_text: searchText(u),
  };
}

/** The columns storedUser reads (not the search and sort columns derived from them). */
export const STORED_USER_COLUMNS = [
  "user_id",
  "user_name",
  "display_name",
  "given_name",
  "family_name",
  "emails",
  "primary_email",
  "external_ids",
  "status",
  "first_seen_at",
  "deleted_at",
] as const;

export function storedUser(
  row: Pick<Selectable<UsersTable>, (typeof STORED_USER_COLUMNS)[number]>,
): StoredUser {
  return {
    userId: row.user_id,
    userName: row.user_name,
    displayName: row.display_name,
    givenName: row.given_name,
    familyName: row.family_name,
    emails: parseJson<string[]>(row.emails, []),
    primaryEmail: row.primary_email,
    externalIds: parseJson(row.external_ids, []),
    status: row.status as StoredUser["status"],
    firstSeenAt: row.first_seen_at,
    deletedAt: row.deleted_at,
  };
}

/** The export's user object, keys in the contract's order. */
export function exportUser(u: StoredUser): ExportUser {
  return {
    userId: u.userId,
    userName: u.userName,
    displayName: u.displayName,
    givenName: u.givenName,
    familyName: u.familyName,
    emails: u.emails,
    primaryEmail: u.primaryEmail,
    externalIds: u.externalIds,
    status: u.status,
    licenseTypes: licenseTypesOf(u.status),
    firstSeenAt: u.firstSeenAt,
    deletedAt: u.deletedAt,
  };
}

export function groupRow(connectionId: string, g: Group): Insertable<GroupsTable> {
  return {
    connection_id: connectionId,
    group_id: g.groupId,
    display_name: g.displayName,
    description: g.description,
  };
}

export function group(row: Selectable<GroupsTable>): Group {
  return { groupId: row.group_id, displayName: row.display_name, description: row.description };
}

export function accountRow(connectionId: string, a: Account): Insertable<AccountsTable> {
  return {
    connection_id: connectionId,
    account_id: a.accountId,
    name: a.name,
    email: a.email,
    status: a.status,
    tags: JSON.stringify(sortRecord(a.tags)),
  };
}

export function account(row: Selectable<AccountsTable>): Account {
  return {
    accountId: row.account_id,
    name: row.name,
    email: row.email,
    status: row.status,
    tags: parseJson<Record<string, string>>(row.tags, {}),
  };
}

export function permissionSetRow(connectionId: string, p: PermissionSet): Insertable<PermissionSetsTable> {
  return {
    connection_id: connectionId,
    arn: p.arn,
    name: p.name,
    description: p.description,
    session_duration: p.sessionDuration,
    relay_state: p.relayState,
    managed_policies: JSON.stringify([...p.managedPolicies].sort(compareStrings)),
    customer_managed_policies: JSON.stringify(
      [...p.customerManagedPolicies]
        .map((c) => ({ name: c.name, path: c.path }))
        .sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.name, b.name)),
    ),
    inline_policy: p.inlinePolicy,
    permissions_boundary: p.permissionsBoundary === null ? null : JSON.stringify(p.permissionsBoundary),
    tags: JSON.stringify(sortRecord(p.tags)),
  };
}

export function permissionSet(row: Selectable<PermissionSetsTable>): PermissionSet {
  return {
    arn: row.arn,
    name: row.name,
    description: row.description,
    sessionDuration: row.session_duration,
    relayState: row.relay_state,
    managedPolicies: parseJson<string[]>(row.managed_policies, []),
    customerManagedPolicies: parseJson(row.customer_managed_policies, []),
    inlinePolicy: row.inline_policy,
    permissionsBoundary: parseJson<PermissionSet["permissionsBoundary"]>(row.permissions_boundary, null),
    tags: parseJson<Record<string, string>>(row.tags, {}),
  };
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
