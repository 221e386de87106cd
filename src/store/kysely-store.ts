// The Store on Kysely: one class for both dialects, delegating to one file per responsibility.
import * as runControl from "./store-run-control.js";
import type { RunProgress } from "./run-control-port.js";
import type { Kysely } from "kysely";
import type { Principal, SessionLimits, TokenInfo } from "../domain/access.js";
import type { NewToken } from "./security-port.js";
import * as sessions from "./store-sessions.js";
import * as audit from "./store-audit.js";
import * as notifications from "./store-notifications.js";
import * as outbox from "./store-outbox.js";
import type {
  AttemptOutcome,
  Delivery,
  DueDelivery,
  NewSubscription,
  Subscription,
} from "../domain/notifications/types.js";
import type { ListDeliveriesOptions, SubscriptionWithSecret } from "./notifications-port.js";
import type { AuditEntry, NewAuditEntry } from "../domain/audit.js";
import type { ListAuditOptions } from "./audit-port.js";
import * as tokens from "./store-tokens.js";
import type { Change } from "../domain/change.js";
import type { Connection, ConnectionPatch, NewConnection } from "../domain/connection.js";
import type { ConnectionExport } from "../domain/export-format.js";
import type { ApiTokenInfo, Organization } from "../domain/organization.js";
import type { SyncRun } from "../domain/sync-run.js";
import type { StoreContext } from "./context.js";
import { writeTransaction } from "./context.js";
import type { DialectName } from "./dialect.js";
import { storeDialect } from "./dialects.js";
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
import type { Database } from "./schema.js";
import type {
  AccessRow,
  AccessSummaryRow,
  ClaimOptions,
  ConnectionCounts,
  ListAccessOptions,
  ListChangesOptions,
  ListUsersOptions,
  Page,
  FullStore,
  StoreHooks,
  StoredState,
  SyncCommit,
  SyncFinish,
  UserDetail,
  UserPage,
  UserScopedState,
} from "./store.js";
import * as access from "./store-access.js";
import * as changes from "./store-changes.js";
import * as commit from "./store-commit.js";
import * as connections from "./store-connections.js";
import * as directory from "./store-directory.js";
import * as directorySets from "./store-directory-sets.js";
import * as exporter from "./store-export.js";
import * as findings from "./store-findings.js";
import * as activity from "./store-activity.js";
import { connectionRow } from "./store-connections.js";
import type {
  ActivityRead,
  StoredActivityFacts,
  StoredActivityState,
  UsageSummary,
} from "../domain/activity.js";
import type {
  FindingAcceptInput,
  FindingPage,
  ListFindingsOptions,
  StoredFindings,
} from "./findings-port.js";
import type { Finding, FindingCounts } from "../domain/findings/types.js";
import * as runs from "./store-runs.js";
import * as state from "./store-state.js";
import * as tenancy from "./store-tenancy.js";
import * as users from "./store-users.js";

export interface KyselyStoreOptions {
  now?: () => Date;
  hooks?: StoreHooks;
  /** Called after the database is closed (e.g. to drop a test schema). */
  onClose?: () => Promise<void>;
  /** SQLite: how long a write transaction waits for another connection's (default 10 s). */
  sqliteBusyTimeoutMs?: number;
}

export class KyselyStore implements FullStore {
  private readonly ctx: StoreContext;
  private readonly onClose: (() => Promise<void>) | undefined;

  constructor(
    db: Kysely<Database>,
    readonly dialect: DialectName,
    options: KyselyStoreOptions = {},
  ) {
    this.ctx = {
      db,
      dialect: storeDialect(dialect, options.sqliteBusyTimeoutMs),
      now: options.now ?? (() => new Date()),
      hooks: options.hooks ?? {},
    };
    this.onClose = options.onClose;
  }

  /** The Kysely handle, for tests and benchmarks that inspect tables directly. */
  get db(): Kysely<Database> {
    return this.ctx.db;
  }

  async close(): Promise<void> {
    await this.ctx.db.destroy();
    await this.onClose?.();
  }

  createOrganization(name: string): Promise<Organization> {
    return tenancy.createOrganization(this.ctx, name);
  }
  ensureDefaultOrganization(): Promise<{ organization: Organization; created: boolean }> {
    return tenancy.ensureDefaultOrganization(this.ctx);
  }
  getOrganization(orgId: string): Promise<Organization> {
    return tenancy.getOrganization(this.ctx, orgId);
  }
  listOrganizations(): Promise<Organization[]> {
    return tenancy.listOrganizations(this.ctx);
  }
  createApiToken(
    orgId: string,
    label: string,
    token?: string,
  ): Promise<{ token: string; info: ApiTokenInfo }> {
    return tenancy.createApiToken(this.ctx, orgId, label, token);
  }
  findOrganizationByToken(token: string): Promise<Organization | null> {
    return tenancy.findOrganizationByToken(this.ctx, token);
  }

  // Notifications (notifications-port.ts).
  createSubscription(orgId: string, input: NewSubscription): Promise<SubscriptionWithSecret> {
    return notifications.createSubscription(this.ctx, orgId, input);
  }
  listSubscriptions(orgId: string): Promise<Subscription[]> {
    return notifications.listSubscriptions(this.ctx, orgId);
  }
  getSubscription(orgId: string, id: string): Promise<Subscription> {
    return notifications.getSubscription(this.ctx, orgId, id);
  }
  deleteSubscription(orgId: string, id: string): Promise<void> {
    return notifications.deleteSubscription(this.ctx, orgId, id);
  }
  rotateSubscriptionSecret(orgId: string, id: string): Promise<SubscriptionWithSecret> {
    return notifications.rotateSubscriptionSecret(this.ctx, orgId, id);
  }
  setSubscriptionEnabled(orgId: string, id: string, enabled: boolean): Promise<Subscription> {
    return notifications.setSubscriptionEnabled(this.ctx, orgId, id, enabled);
  }
  listDeliveries(
    orgId: string,
    subscriptionId: string,
    options?: ListDeliveriesOptions,
  ): Promise<Page<Delivery>> {
    return notifications.listDeliveries(this.ctx, orgId, subscriptionId, options);
  }
  enqueueTestEvent(orgId: string, subscriptionId: string): Promise<Delivery> {
    return notifications.enqueueTestEvent(this.ctx, orgId, subscriptionId);
  }
  redeliver(orgId: string, deliveryId: string): Promise<Delivery> {
    return notifications.redeliver(this.ctx, orgId, deliveryId);
  }
  claimDueDeliveries(limit: number, leaseMs: number): Promise<DueDelivery[]> {
    return outbox.claimDueDeliveries(this.ctx, limit, leaseMs);
  }
  recordDeliveryAttempt(
    deliveryId: string,
    outcome: AttemptOutcome,
    nextAttemptAt: string | null,
  ): Promise<Delivery> {
    return outbox.recordDeliveryAttempt(this.ctx, deliveryId, outcome, nextAttemptAt);
  }
  nextDeliveryDueAt(): Promise<string | null> {
    return outbox.nextDeliveryDueAt(this.ctx);
  }

  // Audit log (audit-port.ts).
  recordAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return audit.recordAudit(this.ctx, entry);
  }
  listAudit(orgId: string | null, options?: ListAuditOptions): Promise<Page<AuditEntry>> {
    return audit.listAudit(this.ctx, orgId, options);
  }

  // Security (security-port.ts): tokens and web sessions.
  createToken(orgId: string, input: NewToken): Promise<{ token: string; info: TokenInfo }> {
    return tokens.createToken(this.ctx, orgId, input);
  }
  listTokens(orgId: string): Promise<TokenInfo[]> {
    return tokens.listTokens(this.ctx, orgId);
  }
  revokeToken(orgId: string, tokenId: string): Promise<TokenInfo> {
    return tokens.revokeToken(this.ctx, orgId, tokenId);
  }
  authenticateToken(token: string): Promise<Principal | null> {
    return tokens.authenticateToken(this.ctx, token);
  }
  ensureBootstrapToken(orgId: string, token: string): Promise<{ info: TokenInfo; revoked: number }> {
    return tokens.ensureBootstrapToken(this.ctx, orgId, token);
  }
  createSession(principal: Principal, limits: SessionLimits): Promise<string> {
    return sessions.createSession(this.ctx, principal, limits);
  }
  authenticateSession(sessionId: string, limits: SessionLimits): Promise<Principal | null> {
    return sessions.authenticateSession(this.ctx, sessionId, limits);
  }
  revokeSession(sessionId: string): Promise<void> {
    return sessions.revokeSession(this.ctx, sessionId);
  }

  createConnection(orgId: string, input: NewConnection): Promise<Connection> {
    return connections.createConnection(this.ctx, orgId, input);
  }
  getConnection(orgId: string, connectionId: string): Promise<Connection> {
    return connections.getConnection(this.ctx, orgId, connectionId);
  }
  listConnections(orgId: string): Promise<Connection[]> {
    return connections.listConnections(this.ctx, orgId);
  }
  listAllConnections(): Promise<Connection[]> {
    return connections.listConnections(this.ctx);
  }
  updateConnection(orgId: string, connectionId: string, patch: ConnectionPatch): Promise<Connection> {
    return connections.updateConnection(this.ctx, orgId, connectionId, patch);
  }
  deleteConnection(orgId: string, connectionId: string): Promise<void> {
    return connections.deleteConnection(this.ctx, orgId, connectionId);
  }
  getConnectionCounts(orgId: string, connectionId: string): Promise<ConnectionCounts> {
    return connections.getConnectionCounts(this.ctx, orgId, connectionId);
  }

  claimSyncRun(orgId: string, connectionId: string, options: ClaimOptions): Promise<SyncRun> {
    return runs.claimSyncRun(this.ctx, orgId, connectionId, options);
  }
  setRunProgress(runId: string, progress: RunProgress): Promise<void> {
    return runControl.setRunProgress(this.ctx, runId, progress);
  }
  getRunProgress(orgId: string, runId: string): Promise<RunProgress | null> {
    return runControl.getRunProgress(this.ctx, orgId, runId);
  }
  requestSyncCancel(orgId: string, connectionId: string): Promise<boolean> {
    return runControl.requestSyncCancel(this.ctx, orgId, connectionId);
  }
  isSyncCancelRequested(runId: string): Promise<boolean> {
    return runControl.isSyncCancelRequested(this.ctx, runId);
  }
  renewSyncRun(runId: string, leaseMs: number): Promise<boolean> {
    return runs.renewSyncRun(this.ctx, runId, leaseMs);
  }
  finishSyncRun(runId: string, finish: SyncFinish): Promise<SyncRun> {
    return runs.finishSyncRun(this.ctx, runId, finish);
  }
  commitSyncRun(runId: string, input: SyncCommit): Promise<SyncRun> {
    return commit.commitSyncRun(this.ctx, runId, input);
  }
  recoverStaleRuns(): Promise<number> {
    return writeTransaction(this.ctx, (trx) => runs.recoverStaleRuns(this.ctx, trx));
  }
  loadState(orgId: string, connectionId: string): Promise<StoredState> {
    return state.loadState(this.ctx, orgId, connectionId);
  }
  loadUserScoped(orgId: string, connectionId: string, userIds: string[]): Promise<UserScopedState> {
    return state.loadUserScoped(this.ctx, orgId, connectionId, userIds);
  }
  getSyncRun(orgId: string, runId: string): Promise<SyncRun> {
    return runs.getSyncRun(this.ctx, orgId, runId);
  }
  listSyncRuns(
    orgId: string,
    connectionId: string,
    options?: { limit?: number; cursor?: string | null },
  ): Promise<Page<SyncRun>> {
    return runs.listSyncRuns(this.ctx, orgId, connectionId, options);
  }

  exportConnection(orgId: string, connectionId: string): Promise<ConnectionExport> {
    return exporter.exportConnection(this.ctx, orgId, connectionId);
  }
  listChanges(orgId: string, options?: ListChangesOptions): Promise<Page<Change>> {
    return changes.listChanges(this.ctx, orgId, options);
  }
  listUsers(orgId: string, options?: ListUsersOptions): Promise<UserPage> {
    return users.listUsers(this.ctx, orgId, options);
  }
  getUser(orgId: string, connectionId: string, userId: string): Promise<UserDetail> {
    return users.getUser(this.ctx, orgId, connectionId, userId);
  }
  listAccess(orgId: string, connectionId: string, options?: ListAccessOptions): Promise<Page<AccessRow>> {
    return access.listAccess(this.ctx, orgId, connectionId, options);
  }
  summarizeAccess(orgId: string, connectionId: string): Promise<AccessSummaryRow[]> {
    return access.summarizeAccess(this.ctx, orgId, connectionId);
  }

  // ---- Directory queries (explore pages: groups, permission sets, accounts) ----
  listGroups(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<GroupSortKey>,
  ): Promise<DirectoryPage<GroupListItem>> {
    return directory.listGroups(this.ctx, orgId, connectionId, options);
  }
  getGroup(orgId: string, connectionId: string, groupId: string): Promise<GroupDetail> {
    return directory.getGroup(this.ctx, orgId, connectionId, groupId);
  }
  listGroupMembers(
    orgId: string,
    connectionId: string,
    groupId: string,
    options?: MemberListOptions,
  ): Promise<DirectoryPage<GroupMember>> {
    return directory.listGroupMembers(this.ctx, orgId, connectionId, groupId, options);
  }
  listPermissionSets(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<PermissionSetSortKey>,
  ): Promise<DirectoryPage<PermissionSetListItem>> {
    return directorySets.listPermissionSets(this.ctx, orgId, connectionId, options);
  }
  getPermissionSet(orgId: string, connectionId: string, arn: string): Promise<PermissionSetDetail> {
    return directorySets.getPermissionSet(this.ctx, orgId, connectionId, arn);
  }
  listAccounts(
    orgId: string,
    connectionId: string,
    options?: DirectoryListOptions<AccountSortKey>,
  ): Promise<DirectoryPage<AccountListItem>> {
    return directorySets.listAccounts(this.ctx, orgId, connectionId, options);
  }
  getAccount(orgId: string, connectionId: string, accountId: string): Promise<AccountDetail> {
    return directorySets.getAccount(this.ctx, orgId, connectionId, accountId);
  }
  // ---- end of directory queries ----
  async getActivityState(orgId: string, connectionId: string): Promise<StoredActivityState> {
    await connectionRow(this.ctx.db, orgId, connectionId);
    return activity.getActivityState(this.ctx.db, connectionId);
  }
  loadActivityFacts(orgId: string, connectionId: string, grantedAfter: string): Promise<StoredActivityFacts> {
    return activity.loadActivityFacts(this.ctx, orgId, connectionId, grantedAfter);
  }
  async claimActivity(
    orgId: string,
    connectionId: string,
    lease: { holder: string; now: string; until: string },
  ): Promise<boolean> {
    await connectionRow(this.ctx.db, orgId, connectionId);
    return activity.claimActivity(this.ctx.db, connectionId, lease.holder, lease.now, lease.until);
  }
  renewActivity(connectionId: string, holder: string, until: string): Promise<boolean> {
    return activity.renewActivity(this.ctx.db, connectionId, holder, until);
  }
  releaseActivity(connectionId: string, holder: string): Promise<void> {
    return activity.releaseActivity(this.ctx.db, connectionId, holder);
  }
  listPendingActivity(now: string): Promise<{ orgId: string; connectionId: string }[]> {
    return activity.listPendingActivity(this.ctx.db, now);
  }
  async permissionSetNames(orgId: string, connectionId: string): Promise<{ name: string; arn: string }[]> {
    await connectionRow(this.ctx.db, orgId, connectionId);
    return activity.permissionSetNames(this.ctx.db, connectionId);
  }
  async commitActivity(
    orgId: string,
    connectionId: string,
    holder: string,
    at: string,
    read: ActivityRead,
  ): Promise<boolean> {
    await connectionRow(this.ctx.db, orgId, connectionId);
    return writeTransaction(this.ctx, (trx) =>
      activity.writeActivity(this.ctx, trx, connectionId, at, read, holder),
    );
  }
  getUsageSummary(orgId: string, connectionId: string, now: Date = new Date()): Promise<UsageSummary> {
    return activity.getUsageSummary(this.ctx, orgId, connectionId, now);
  }
  loadFindingStates(orgId: string, connectionId: string): Promise<StoredFindings> {
    return findings.loadFindingStates(this.ctx, orgId, connectionId);
  }
  getFindings(orgId: string, connectionId: string, ids: readonly string[]): Promise<Finding[]> {
    return findings.getFindings(this.ctx, orgId, connectionId, ids);
  }
  listFindings(orgId: string, options?: ListFindingsOptions): Promise<FindingPage> {
    return findings.listFindings(this.ctx, orgId, options);
  }
  countFindingsByConnection(orgId: string): Promise<Map<string, FindingCounts>> {
    return findings.countFindingsByConnection(this.ctx, orgId);
  }
  acceptFinding(
    orgId: string,
    connectionId: string,
    findingId: string,
    input: FindingAcceptInput,
  ): Promise<Finding> {
    return findings.acceptFinding(this.ctx, orgId, connectionId, findingId, input);
  }
  exportFindings(orgId: string, connectionId: string): Promise<Finding[]> {
    return findings.exportFindings(this.ctx, orgId, connectionId);
  }
}
