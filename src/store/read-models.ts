// The read models the surfaces (API, web, CLI) get from the store's directory queries.
import type { ChangeKind } from "../domain/change.js";
import type { ExportUser } from "../domain/export-format.js";
import type { UserStatus } from "../domain/model.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ListChangesOptions {
  /** Only this connection's changes; all the organization's otherwise. */
  connectionId?: string;
  /** Changes at or after this ISO time. */
  since?: string;
  /** Changes before this ISO time. */
  until?: string;
  kinds?: ChangeKind[];
  userId?: string;
  accountId?: string;
  /** Changes about this group (its membership and assignments too). */
  groupId?: string;
  /** Changes about this permission set (its assignments and access too). */
  permissionSetArn?: string;
  syncRunId?: string;
  /** Default "desc" (newest first). */
  order?: "asc" | "desc";
  /** 1–1000, default 100. */
  limit?: number;
  cursor?: string | null;
}

export type UserSortKey = "userName" | "displayName" | "status" | "firstSeenAt" | "lastSignInAt";

export interface ListUsersOptions {
  /** Only this connection's users; all the organization's otherwise. */
  connectionId?: string;
  /** Case-insensitive substring of user name, display name, given/family name or an email. */
  search?: string;
  status?: UserStatus;
  /** Every Identity Center user holds exactly LICENSE_TYPE; any other value matches nobody. */
  licenseType?: string;
  /** Default userName. displayName sorts users without one by their user name. */
  sort?: UserSortKey;
  order?: "asc" | "desc";
  /** 1–1000, default 100. */
  limit?: number;
  cursor?: string | null;
  /** Default true; false skips the counts (a scan of the matching users) and returns zeros. */
  withCounts?: boolean;
}

export interface UserCounts {
  /** Users matching connectionId, search and licenseType (the status filter not applied). */
  total: number;
  byStatus: { ENABLED: number; DISABLED: number; DELETED: number };
  byLicenseType: Record<string, number>;
}

export interface UserView extends ExportUser {
  connectionId: string;
}

export interface UserPage extends Page<UserView> {
  counts: UserCounts;
}

export type AccessPathView =
  { type: "DIRECT" } | { type: "GROUP"; groupId: string; groupName: string | null };

export interface UserAccess {
  accountId: string;
  accountName: string | null;
  permissionSetArn: string;
  permissionSetName: string | null;
  via: AccessPathView[];
  /** Latest Federate into it CloudTrail showed; null: none in its 90 days, or activity not read. */
  lastUsedAt: string | null;
}

export interface UserDetail {
  user: UserView;
  groups: { groupId: string; displayName: string | null; description: string | null }[];
  access: UserAccess[];
}

export interface AccessRow extends UserAccess {
  userId: string;
  userName: string;
  displayName: string | null;
  status: UserStatus;
}

export interface ListAccessOptions {
  accountId?: string;
  permissionSetArn?: string;
  userId?: string;
  /** 1–1000, default 100. Ordered by account id, permission set ARN, user name, user id. */
  limit?: number;
  cursor?: string | null;
}

export interface AccessSummaryRow {
  accountId: string;
  accountName: string | null;
  permissionSetArn: string;
  permissionSetName: string | null;
  users: number;
}

/** Current totals of a connection (field names as the API's ConnectionCounts). */
export interface ConnectionCounts {
  users: number;
  enabledUsers: number;
  disabledUsers: number;
  deletedUsers: number;
  groups: number;
  accounts: number;
  permissionSets: number;
  assignments: number;
}
