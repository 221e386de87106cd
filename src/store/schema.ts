// Kysely types of the tables (see docs/tables.md). Timestamps are ISO-8601 UTC text
// (`2026-11-30T12:00:00.000Z`, so text order is time order); JSON columns are text; booleans are 0/1.
import type { ColumnType, Generated } from "kysely";
import type { ColumnsOf } from "../domain/fields.js";
import type { ACCOUNT_FIELDS, GROUP_FIELDS, PERMISSION_SET_FIELDS, USER_FIELDS } from "../domain/model.js";

export interface OrganizationsTable {
  id: string;
  name: string;
  external_id: string;
  is_default: number;
  created_at: string;
}

export interface ApiTokensTable {
  id: string;
  organization_id: string;
  label: string;
  token_hash: string;
  created_at: string;
  scope: Generated<string>;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  bootstrap: Generated<number>;
}

export interface AuditLogTable {
  id: string;
  organization_id: string | null;
  at: string;
  actor_via: string;
  token_id: string | null;
  token_name: string | null;
  session_id: string | null;
  source: string;
  action: string;
  target: string | null;
  details: string;
}

export interface WebSessionsTable {
  id: string;
  session_hash: string;
  organization_id: string;
  token_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ConnectionsTable {
  id: string;
  organization_id: string;
  name: string;
  role_arn: string;
  region: string;
  identity_store_id: string;
  instance_arn: string;
  endpoint_url: string | null;
  /** 0/1: the built-in demo's connection (migration 0005). */
  demo: Generated<number>;
  schedule_minutes: number;
  state: string;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_action: string | null;
  last_synced_at: string | null;
  last_warnings: string;
  last_run_id: string | null;
  last_run_state: string | null;
  created_at: string;
  updated_at: string;
  /** The connection's users per status, recounted by each commit (user lists read counts here). */
  user_count_enabled: Generated<number>;
  user_count_disabled: Generated<number>;
  user_count_deleted: Generated<number>;
}

export interface SyncRunsTable {
  id: string;
  organization_id: string;
  connection_id: string;
  started_at: string;
  finished_at: string | null;
  state: string;
  forced: number;
  /** A running run whose lease has passed belongs to a dead process and may be taken over. */
  lease_expires_at: string | null;
  user_count: number | null;
  group_count: number | null;
  membership_count: number | null;
  account_count: number | null;
  permission_set_count: number | null;
  assignment_count: number | null;
  access_count: number | null;
  orphaned_assignment_count: number | null;
  users_deleted: number | null;
  change_count: number | null;
  api_calls: string;
  retries: number;
  throttles: number;
  warnings: string;
  error_code: string | null;
  error_message: string | null;
  error_action: string | null;
  /** Drift protection: the live users before a held run, and (some of) those it would delete (JSON). */
  live_users_before: number | null;
  held_deletions: string | null;
  /** A running sync's progress, and when a cancel was asked (migration 0008). */
  progress_phase: string | null;
  progress_done: number | null;
  cancel_requested_at: string | null;
}

/** The entity tables' columns derive from the domain's field lists (src/domain/model.ts). */
export type UsersTable = { connection_id: string } & Omit<ColumnsOf<typeof USER_FIELDS>, "status"> & {
    /** ENABLED, DISABLED, or DELETED for a user gone from AWS. */
    status: string;
    first_seen_at: string;
    deleted_at: string | null;
    /** The user name folded (domain/fold.ts): the key of the userName and status sorts. */
    user_name_sort: string;
    /** The display name, or the user name where there is none, folded: the key of the displayName sort. */
    display_name_sort: string;
    /** User name, display name, names and emails, folded, for case- and accent-insensitive search. */
    search_text: string;
    /** The latest sign-in CloudTrail showed (ISO), '' for none in its 90 days: a NOT NULL sort key. */
    last_sign_in_at: Generated<string>;
  };

/**
 * SQLite only: the search side of each user (docs/tables.md): an integer key for the FTS5 index
 * users_fts, with the user's status and search text, kept by the commit with the users row.
 */
export interface UserSearchTable {
  id: Generated<number>;
  connection_id: string;
  user_id: string;
  status: string;
  search_text: string;
}

/** SQLite only: FTS5 trigram index of the search text (contentless; rowid = user_search.id). */
export interface UsersFtsTable {
  rowid: number;
  search_text: string;
  /** The table-named column FTS5 matches against. */
  users_fts: string;
}

export type GroupsTable = { connection_id: string } & ColumnsOf<typeof GROUP_FIELDS>;

export interface GroupMembershipsTable {
  connection_id: string;
  group_id: string;
  user_id: string;
}

export type AccountsTable = { connection_id: string } & ColumnsOf<typeof ACCOUNT_FIELDS>;

export type PermissionSetsTable = { connection_id: string } & ColumnsOf<typeof PERMISSION_SET_FIELDS>;

export interface AssignmentsTable {
  connection_id: string;
  account_id: string;
  permission_set_arn: string;
  principal_type: string;
  principal_id: string;
}

export interface AccessGrantsTable {
  connection_id: string;
  user_id: string;
  account_id: string;
  permission_set_arn: string;
  /** The user's user name (copied, kept current) so access pages sort by name from an index. */
  user_name: string;
  /** user_name folded (domain/fold.ts): the access pages' sort key. */
  user_name_sort: string;
  via: string;
  /** The latest Federate into this (account, permission set) CloudTrail showed; null for none. */
  last_used_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** When a sync first wrote the row; null for rows of the connection's first sync (or older). */
  first_seen_at: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Per connection: the state of its sign-in activity read (domain/activity.ts). */
export interface ActivityStateTable {
  connection_id: string;
  /** available | denied | failed. */
  state: string;
  /** ActivityCursor as JSON. */
  cursor: string | null;
  read_at: string | null;
  first_read_at: string | null;
  message: string | null;
  /** ActivityReadStats of the last successful read, as JSON. */
  stats: string | null;
  updated_at: string;
  /** Who reads the connection's activity now (a sync or a backfill turn), and until when (ISO). */
  lease_holder: ColumnType<string | null, string | null | undefined, string | null>;
  lease_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** 1: history left to read (the 90-day backfill, or a gap a read could not close in its time). */
  pending: ColumnType<number, number | undefined, number>;
}

export interface ChangesTable {
  id: Generated<number | string>;
  organization_id: string;
  connection_id: string;
  sync_run_id: string;
  at: string;
  kind: string;
  user_id: string | null;
  group_id: string | null;
  account_id: string | null;
  permission_set_arn: string | null;
  detail: string;
}

/** One row per finding ever seen (migration 0004_findings; src/store/store-findings.ts). */
export interface FindingsTable {
  connection_id: string;
  id: string;
  organization_id: string;
  rule: string;
  severity: string;
  /** 0 high, 1 medium, 2 low: lists sort by it. */
  severity_rank: number;
  status: string;
  subject_type: string;
  subject_id: string;
  subject_name: string | null;
  /** subject_name, else subject_id: lists sort by it. */
  sort_name: string;
  account_id: string | null;
  permission_set_arn: string | null;
  user_id: string | null;
  group_id: string | null;
  details: string;
  fingerprint: string;
  content_hash: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
  accepted_by: string | null;
  accepted_reason: string | null;
  accepted_at: string | null;
}

/** Connections whose findings were evaluated at least once (the first evaluation is a baseline). */
export interface FindingEvaluationsTable {
  connection_id: string;
  evaluated_at: string;
}

/** Migration 0009_notifications. */
export interface NotificationSubscriptionsTable {
  id: string;
  organization_id: string;
  name: string;
  kind: string;
  url: string;
  secret: string;
  filter: string;
  enabled: number;
  disabled_reason: string | null;
  created_at: string;
  secret_rotated_at: string;
}

export interface NotificationDeliveriesTable {
  seq: Generated<number | string>;
  id: string;
  organization_id: string;
  subscription_id: string;
  type: string;
  connection_id: string | null;
  sync_run_id: string | null;
  payload: string;
  status: string;
  attempts: number;
  created_at: string;
  retry_until: string;
  next_attempt_at: string | null;
  lease_until: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export interface Database {
  organizations: OrganizationsTable;
  api_tokens: ApiTokensTable;
  web_sessions: WebSessionsTable;
  audit_log: AuditLogTable;
  connections: ConnectionsTable;
  sync_runs: SyncRunsTable;
  users: UsersTable;
  user_search: UserSearchTable;
  users_fts: UsersFtsTable;
  groups: GroupsTable;
  group_memberships: GroupMembershipsTable;
  accounts: AccountsTable;
  permission_sets: PermissionSetsTable;
  assignments: AssignmentsTable;
  access_grants: AccessGrantsTable;
  changes: ChangesTable;
  findings: FindingsTable;
  finding_evaluations: FindingEvaluationsTable;
  notification_subscriptions: NotificationSubscriptionsTable;
  notification_deliveries: NotificationDeliveriesTable;
  activity_state: ActivityStateTable;
}
export type TableName = keyof Database;
