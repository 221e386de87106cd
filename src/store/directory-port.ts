// Directory queries for the surfaces: lists, details, counts, history and the export of what the
// syncs stored. Read-only.
import type { Change } from "../domain/change.js";
import type { ConnectionExport } from "../domain/export-format.js";
import type {
  AccountDetail,
  AccountListItem,
  AccountSortKey,
  DirectoryListOptions,
  DirectoryPage,
  GroupDetail,
  GroupListItem,
  GroupMember,
  GroupSortKey,
  MemberListOptions,
  PermissionSetDetail,
  PermissionSetListItem,
  PermissionSetSortKey,
} from "./directory-types.js";
import type {
  AccessRow,
  AccessSummaryRow,
  ConnectionCounts,
  ListAccessOptions,
  ListChangesOptions,
  ListUsersOptions,
  Page,
  UserDetail,
  UserPage,
} from "./read-models.js";

export interface DirectoryPort {
  exportConnection(orgId: string, connectionId: string): Promise<ConnectionExport>;
  getConnectionCounts(orgId: string, connectionId: string): Promise<ConnectionCounts>;
  listChanges(orgId: string, options?: ListChangesOptions): Promise<Page<Change>>;
  listUsers(orgId: string, options?: ListUsersOptions): Promise<UserPage>;
  getUser(orgId: string, connectionId: string, userId: string): Promise<UserDetail>;
  listAccess(orgId: string, connectionId: string, options?: ListAccessOptions): Promise<Page<AccessRow>>;
  /** Users per (account, permission set), ordered by account then permission set. */
  summarizeAccess(orgId: string, connectionId: string): Promise<AccessSummaryRow[]>;

  // ---- Directory queries (explore pages: groups, permission sets, accounts; store-directory*.ts) ----
  listGroups(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<GroupSortKey>,
  ): Promise<DirectoryPage<GroupListItem>>;
  getGroup(orgId: string, connectionId: string, groupId: string): Promise<GroupDetail>;
  /** A group's members by user name. */
  listGroupMembers(
    orgId: string,
    connectionId: string,
    groupId: string,
    options?: MemberListOptions,
  ): Promise<DirectoryPage<GroupMember>>;
  listPermissionSets(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<PermissionSetSortKey>,
  ): Promise<DirectoryPage<PermissionSetListItem>>;
  getPermissionSet(orgId: string, connectionId: string, arn: string): Promise<PermissionSetDetail>;
  listAccounts(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<AccountSortKey>,
  ): Promise<DirectoryPage<AccountListItem>>;
  getAccount(orgId: string, connectionId: string, accountId: string): Promise<AccountDetail>;
  // ---- end of directory queries ----
}
