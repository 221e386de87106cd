// The one storage interface. Implemented on Kysely for SQLite and PostgreSQL (kysely-store.ts);
// the conformance suite in test/store/ runs against both. Every method that takes a connection id
// also takes the organization id and finds nothing (NotFoundError) outside that organization.
import type { Change, ChangeDraft, ChangeKind } from "../domain/change.js";
import type { Connection, ConnectionPatch, NewConnection } from "../domain/connection.js";
import type { ConnectionExport, ExportUser } from "../domain/export-format.js";
import type {
  AccessGrant,
  Account,
  Assignment,
  Group,
  Membership,
  PermissionSet,
  SyncStats,
  SyncWarning,
  User,
  UserStatus,
} from "../domain/model.js";
import type { ApiTokenInfo, Organization } from "../domain/organization.js";
import type { HeldDeletions, SyncCounts, SyncRun, SyncRunError } from "../domain/sync-run.js";
import type { DialectName } from "./dialect.js";
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
import type { FindingCommit, FindingsPort } from "./findings-port.js";

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A user as stored: the AWS fields plus what idc-sync tracks over time. */
export interface StoredUser extends Omit<User, "status"> {
  status: UserStatus;
  firstSeenAt: string;
  deletedAt: string | null;
}

/** The stored state of a connection, except the two large user-scoped tables (see loadUserScoped). */
export interface StoredState {
  users: StoredUser[];
  groups: Group[];
  accounts: Account[];
  permissionSets: PermissionSet[];
  assignments: Assignment[];
}

/** A stored access row, its paths as the canonical JSON text (compared as text by the diff). */
export interface StoredAccess {
  userId: string;
  accountId: string;
  permissionSetArn: string;
  via: string;
}

export interface UserScopedState {
  memberships: Membership[];
  access: StoredAccess[];
}

export interface AccessKey {
  userId: string;
  accountId: string;
  permissionSetArn: string;
}

/** Row-level writes of one commit, as computed by the engine's diff (src/engine/diff/). */
export interface StateWrites {
  /** Inserted or replaced (a user gone from AWS is replaced by its DELETED row, never removed). */
  users: StoredUser[];
  groups: { upsert: Group[]; remove: string[] };
  memberships: { add: Membership[]; remove: Membership[] };
  accounts: { upsert: Account[]; remove: string[] };
  permissionSets: { upsert: PermissionSet[]; remove: string[] };
  assignments: { add: Assignment[]; remove: Assignment[] };
  /** An array, or the snapshot's compact rows on a first sync (written as they are read). */
  access: { upsert: Iterable<AccessGrant> & { readonly length: number }; remove: AccessKey[] };
  /** User names of the live users: access_grants keeps each row's user name for sorting. */
  userNames: ReadonlyMap<string, string>;
  /** Live users whose user name changed: their access rows get the new name. */
  renamedUsers: { userId: string; userName: string }[];
}

export interface SyncCommit {
  /** The commit time: the run's finishedAt, the changes' `at`, the connection's lastSyncedAt. */
  at: string;
  forced: boolean;
  counts: SyncCounts;
  stats: SyncStats;
  warnings: SyncWarning[];
  writes: StateWrites;
  changes: ChangeDraft[];
  /** The sync's findings (absent: findings were not evaluated, and stay as stored). */
  findings?: FindingCommit;
}

export interface SyncFinish {
  state: "failed" | "needs_confirmation";
  at: string;
  error: SyncRunError;
  counts?: SyncCounts | null;
  stats?: SyncStats | null;
  warnings?: SyncWarning[];
  /** needs_confirmation: whom the run would have deleted. */
  heldDeletions?: HeldDeletions;
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
  syncRunId?: string;
  /** Default "desc" (newest first). */
  order?: "asc" | "desc";
  /** 1–1000, default 100. */
  limit?: number;
  cursor?: string | null;
}

export type UserSortKey = "userName" | "displayName" | "status" | "firstSeenAt";

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

export interface ClaimOptions {
  /** How long the claim holds without renewal; a run not renewed in time may be taken over. */
  leaseMs: number;
}

export interface Store extends FindingsPort {
  readonly dialect: DialectName;
  close(): Promise<void>;

  // Tenancy
  createOrganization(name: string): Promise<Organization>;
  /** The default organization of a single-organization install, created on first call. */
  ensureDefaultOrganization(): Promise<{ organization: Organization; created: boolean }>;
  getOrganization(orgId: string): Promise<Organization>;
  listOrganizations(): Promise<Organization[]>;
  /** Returns the plaintext once; only its sha-256 is stored. `token` registers a given one instead. */
  createApiToken(
    orgId: string,
    label: string,
    token?: string,
  ): Promise<{ token: string; info: ApiTokenInfo }>;
  findOrganizationByToken(token: string): Promise<Organization | null>;

  // Connections
  /** ConflictError when the organization already connected this instance ARN. */
  createConnection(orgId: string, input: NewConnection): Promise<Connection>;
  getConnection(orgId: string, connectionId: string): Promise<Connection>;
  listConnections(orgId: string): Promise<Connection[]>;
  /** Every connection of every organization: for the scheduler only. */
  listAllConnections(): Promise<Connection[]>;
  updateConnection(orgId: string, connectionId: string, patch: ConnectionPatch): Promise<Connection>;
  /** Deletes the connection with its runs, state and history. */
  deleteConnection(orgId: string, connectionId: string): Promise<void>;

  // Sync runs (used by src/engine/sync-runner.ts)
  /** Starts a run; ConflictError while another live run holds the connection. */
  claimSyncRun(orgId: string, connectionId: string, options: ClaimOptions): Promise<SyncRun>;
  /** Extends the lease; false when the run is no longer running (taken over or finished). */
  renewSyncRun(runId: string, leaseMs: number): Promise<boolean>;
  /** Ends a run without touching the connection's state data. */
  finishSyncRun(runId: string, finish: SyncFinish): Promise<SyncRun>;
  /** Writes the new state, its changes and the run record in one transaction. */
  commitSyncRun(runId: string, commit: SyncCommit): Promise<SyncRun>;
  /** Marks runs whose lease passed as failed (`sync_abandoned`); returns how many. */
  recoverStaleRuns(): Promise<number>;
  loadState(orgId: string, connectionId: string): Promise<StoredState>;
  /** Memberships and access rows of the given users (callers pass a few hundred at a time). */
  loadUserScoped(orgId: string, connectionId: string, userIds: string[]): Promise<UserScopedState>;
  getSyncRun(orgId: string, runId: string): Promise<SyncRun>;
  /** Newest first. */
  listSyncRuns(
    orgId: string,
    connectionId: string,
    options?: { limit?: number; cursor?: string | null },
  ): Promise<Page<SyncRun>>;

  // Reads for the surfaces
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

/** Test seams. */
export interface StoreHooks {
  /** Called inside the commit transaction after each written batch; a throw rolls the commit back. */
  afterCommitBatch?: (table: string, rows: number) => void | Promise<void>;
}
