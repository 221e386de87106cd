// Types of the directory queries (groups, permission sets, accounts: the explore pages), kept
// apart from store.ts so they move as one block with those queries.
import type { Account, PermissionSet, PrincipalType } from "../domain/model.js";
import type { UserStatus } from "../domain/model.js";

export interface DirectoryListOptions<S extends string> {
  /** Case- and accent-insensitive substring of the list's names, ids and descriptions. */
  search?: string;
  /** Default "name". */
  sort?: S;
  order?: "asc" | "desc";
  /** 1–1000, default 100. */
  limit?: number;
  cursor?: string | null;
}

export interface DirectoryPage<T> {
  items: T[];
  nextCursor: string | null;
  /** Rows matching the search, over all pages. */
  total: number;
}

export type GroupSortKey = "name" | "members" | "assignments";
export interface GroupListItem {
  groupId: string;
  displayName: string | null;
  description: string | null;
  /** Live (not deleted) members. */
  members: number;
  /** Account assignments made to the group. */
  assignments: number;
}

/** An assignment with the names of what it joins. */
export interface AssignmentView {
  accountId: string;
  accountName: string | null;
  permissionSetArn: string;
  permissionSetName: string | null;
  principalType: PrincipalType;
  principalId: string;
  /** The group's display name, or the user's user name; null when the principal is gone. */
  principalName: string | null;
}

export interface GroupDetail {
  group: GroupListItem;
  assignments: AssignmentView[];
}

export interface GroupMember {
  userId: string;
  userName: string;
  displayName: string | null;
  primaryEmail: string | null;
  status: UserStatus;
}

export interface MemberListOptions {
  search?: string;
  limit?: number;
  cursor?: string | null;
}

export type PermissionSetSortKey = "name" | "accounts" | "users";
export interface PermissionSetListItem {
  arn: string;
  name: string;
  description: string | null;
  sessionDuration: string | null;
  /** Accounts the permission set is assigned on. */
  accounts: number;
  /** Users who hold it on at least one account (directly or through a group). */
  users: number;
  /** Access rows: (user, account) pairs. */
  grants: number;
}

export interface PermissionSetDetail {
  permissionSet: PermissionSet;
  counts: { accounts: number; users: number; grants: number };
  /** Per account it is assigned on: how many users hold it there. */
  accounts: { accountId: string; accountName: string | null; users: number }[];
  assignments: AssignmentView[];
}

export type AccountSortKey = "name" | "id" | "permissionSets" | "users";
export interface AccountListItem extends Account {
  /** Permission sets assigned on the account. */
  permissionSets: number;
  /** Users who can reach it. */
  users: number;
  grants: number;
}

export interface AccountDetail {
  account: Account;
  counts: { permissionSets: number; users: number; grants: number };
  /** Per permission set assigned on it: how many users hold it there. */
  permissionSets: { arn: string; name: string | null; users: number }[];
  assignments: AssignmentView[];
}
