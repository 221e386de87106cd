// The model of one Identity Center instance as idc-sync sees it. Field names and shapes follow
// the export format of design.md section 3 (contract): change them only with a migration note.
import type { AccessRows } from "./access-rows.js";

/** The one license type an Identity Center user holds in idc-sync. */
export const LICENSE_TYPE = "AWS Identity Center";

/** `DELETED` is ours: a user seen by an earlier sync and gone now. AWS reports only the other two. */
export type UserStatus = "ENABLED" | "DISABLED" | "DELETED";
export type LiveUserStatus = Exclude<UserStatus, "DELETED">;

export interface ExternalId {
  issuer: string;
  id: string;
}

/** A user as read from AWS (the store adds firstSeenAt, deletedAt and licenseTypes). */
export interface User {
  userId: string;
  userName: string;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  /** Every email value, primary first, then in AWS's order. */
  emails: string[];
  primaryEmail: string | null;
  externalIds: ExternalId[];
  status: LiveUserStatus;
}

export interface Group {
  groupId: string;
  displayName: string | null;
  description: string | null;
}

export interface Membership {
  groupId: string;
  userId: string;
}

export interface Account {
  accountId: string;
  name: string | null;
  email: string | null;
  /** Organizations' `State` where present (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ...), else `Status`. */
  status: string | null;
  tags: Record<string, string>;
}

export interface CustomerManagedPolicyRef {
  name: string;
  path: string;
}

export type PermissionsBoundary =
  { type: "MANAGED"; managedPolicyArn: string } | { type: "CUSTOMER_MANAGED"; name: string; path: string };

export interface PermissionSet {
  arn: string;
  name: string;
  description: string | null;
  /** ISO-8601 duration as AWS gives it, e.g. "PT1H". */
  sessionDuration: string | null;
  relayState: string | null;
  managedPolicies: string[];
  customerManagedPolicies: CustomerManagedPolicyRef[];
  inlinePolicy: string | null;
  /** Additive to the export format: null where none is set or the optional read was denied. */
  permissionsBoundary: PermissionsBoundary | null;
  tags: Record<string, string>;
}

export type PrincipalType = "USER" | "GROUP";

export interface Assignment {
  accountId: string;
  permissionSetArn: string;
  principalType: PrincipalType;
  principalId: string;
}

export type AccessPath = { type: "DIRECT" } | { type: "GROUP"; groupId: string };

/** One row per (user, account, permission set) with every path that grants it. */
export interface AccessGrant {
  userId: string;
  accountId: string;
  permissionSetArn: string;
  /** Shared between rows and frozen where the sync built it (effective-access.ts). */
  via: readonly AccessPath[];
}

export type InstanceType = "ORGANIZATION" | "ACCOUNT";

export interface InstanceInfo {
  instanceArn: string;
  identityStoreId: string;
  ownerAccountId: string | null;
  name: string | null;
  status: string | null;
  /** Null where DescribeInstance was denied or says nothing. */
  type: InstanceType | null;
}

/** A warning that leaves the sync standing: an optional part could not be read. */
export interface SyncWarning {
  code: string;
  message: string;
  /** The IAM action that was denied, where that is the cause. */
  action?: string;
}

/**
 * Everything one sync read from one Identity Center instance. Arrays are sorted by their ids
 * (see the sort helpers in ./sort.ts) so that equal states compare and serialise equal.
 */
export interface Snapshot {
  instance: InstanceInfo;
  users: User[];
  groups: Group[];
  memberships: Membership[];
  accounts: Account[];
  permissionSets: PermissionSet[];
  assignments: Assignment[];
  /** Compact: turned into AccessGrant objects as they are read (access-rows.ts). */
  access: AccessRows;
  /** Assignments whose user or group no longer exists: kept in `assignments`, granting nothing. */
  orphanedAssignments: Assignment[];
}

export interface SyncStats {
  /** Calls sent per IAM action, e.g. { "identitystore:ListUsers": 21 }, retries included. */
  callsByAction: Record<string, number>;
  retries: number;
  throttles: number;
  durationMs: number;
}

export interface ReadResult {
  snapshot: Snapshot;
  stats: SyncStats;
  warnings: SyncWarning[];
}

/** The values a customer gives us to connect one Identity Center instance. */
export interface ConnectionValues {
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
}
