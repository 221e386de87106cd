// The model of one Identity Center instance as idc-sync sees it. Field names and shapes follow
// the export format of design.md section 3 (contract): change them only with a migration note.
// Entities are declared by their field lists (fields.ts): their types, diff, store columns, export
// and CSV columns derive from them.
import { z } from "zod";
import type { AccessRows } from "./access-rows.js";
import {
  field,
  nullableJson,
  nullableText,
  recordList,
  tags,
  text,
  textList,
  textSet,
  type EntityOf,
} from "./fields.js";
import { compareCustomerManagedPolicies } from "./sort.js";

/** The one license type an Identity Center user holds in idc-sync. */
export const LICENSE_TYPE = "AWS Identity Center";

/** `DELETED` is ours: a user seen by an earlier sync and gone now. AWS reports only the other two. */ import type { ActivityRead } from "./activity.js";

export type UserStatus = "ENABLED" | "DISABLED" | "DELETED";
export type LiveUserStatus = Exclude<UserStatus, "DELETED">;

export type ExternalId = { issuer: string; id: string };

/** A user's fields (the store adds firstSeenAt, deletedAt and licenseTypes), in the export's order. */
export const USER_FIELDS = {
  userId: field("user_id", text(), "key"),
  userName: field("user_name", text(), "reported"),
  displayName: field("display_name", nullableText(), "reported"),
  givenName: field("given_name", nullableText(), "reported"),
  familyName: field("family_name", nullableText(), "reported"),
  /** Every email value, primary first, then in AWS's order. */
  emails: field("emails", textList(), "reported"),
  primaryEmail: field("primary_email", nullableText(), "reported"),
  externalIds: field("external_ids", recordList<ExternalId>(["issuer", "id"]), "silent"),
  status: field("status", text<LiveUserStatus>(z.enum(["ENABLED", "DISABLED"])), "own"),
} as const;

/** A user as read from AWS. */
export type User = EntityOf<typeof USER_FIELDS>;

export const GROUP_FIELDS = {
  groupId: field("group_id", text(), "key"),
  displayName: field("display_name", nullableText(), "silent"),
  description: field("description", nullableText(), "silent"),
} as const;

export type Group = EntityOf<typeof GROUP_FIELDS>;

export interface Membership {
  groupId: string;
  userId: string;
}

export const ACCOUNT_FIELDS = {
  accountId: field("account_id", text(), "key"),
  name: field("name", nullableText(), "silent"),
  email: field("email", nullableText(), "silent"),
  /** Organizations' `State` where present (ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ...), else `Status`. */
  status: field("status", nullableText(), "silent"),
  tags: field("tags", tags(), "silent"),
} as const;

export type Account = EntityOf<typeof ACCOUNT_FIELDS>;

export type CustomerManagedPolicyRef = { name: string; path: string };

export type PermissionsBoundary =
  { type: "MANAGED"; managedPolicyArn: string } | { type: "CUSTOMER_MANAGED"; name: string; path: string };

const permissionsBoundarySchema: z.ZodType<PermissionsBoundary> = z.union([
  z.object({ type: z.literal("MANAGED"), managedPolicyArn: z.string() }),
  z.object({ type: z.literal("CUSTOMER_MANAGED"), name: z.string(), path: z.string() }),
]);

export const PERMISSION_SET_FIELDS = {
  arn: field("arn", text(), "key"),
  name: field("name", text(), "reported"),
  description: field("description", nullableText(), "reported"),
  /** ISO-8601 duration as AWS gives it, e.g. "PT1H". */
  sessionDuration: field("session_duration", nullableText(), "reported"),
  relayState: field("relay_state", nullableText(), "reported"),
  managedPolicies: field("managed_policies", textSet(), "reported"),
  customerManagedPolicies: field(
    "customer_managed_policies",
    recordList<CustomerManagedPolicyRef>(["name", "path"], compareCustomerManagedPolicies),
    "reported",
  ),
  inlinePolicy: field("inline_policy", nullableText(), "reported"),
  /** Additive to the export format: null where none is set or the optional read was denied. */
  permissionsBoundary: field("permissions_boundary", nullableJson(permissionsBoundarySchema), "reported"),
  tags: field("tags", tags(), "reported"),
  /**
   * When the permission set was created (DescribePermissionSet's CreatedDate, ISO-8601 UTC); null
   * where AWS did not say. Silent: it never changes for an ARN, and a sync after the upgrade that
   * first fills it in is not a change of the permission set.
   */
  createdDate: field("created_date", nullableText(), "silent"),
} as const;

export type PermissionSet = EntityOf<typeof PERMISSION_SET_FIELDS>;

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
  /** Sign-in activity from CloudTrail; absent when the read was not asked for it. */
  activity?: ActivityRead;
}

/** The values a customer gives us to connect one Identity Center instance. */
export interface ConnectionValues {
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
}
