// The Integration Capabilities table: one row per item idc-sync syncs, and whether it is available
// now, derived from a connection's last sync (its state, its error and the IAM action that was
// denied, its warnings). ACTION_EFFECTS is the one table of which items each IAM action feeds.
import type { Capability } from "./api-contract.js";

export const CAPABILITY_ITEMS = [
  { key: "userName", name: "Username", description: "Each user's user name in the Identity Store" },
  {
    key: "status",
    name: "Status",
    description: "ENABLED or DISABLED as AWS reports it; DELETED once a user is gone",
  },
  { key: "name", name: "Name", description: "Display name, given name and family name" },
  { key: "email", name: "Email", description: "Email addresses, with the primary one" },
  {
    key: "licenseType",
    name: "License type",
    description: 'Every Identity Center user holds the license type "AWS Identity Center"',
  },
  { key: "groups", name: "Groups", description: "Groups with their names and descriptions" },
  { key: "memberships", name: "Group memberships", description: "Which users are in which group" },
  {
    key: "permissionSets",
    name: "Permission sets",
    description: "Name, description, session duration, managed, customer managed and inline policies",
  },
  { key: "permissionSetTags", name: "Permission set tags", description: "The tags of each permission set" },
  {
    key: "permissionsBoundaries",
    name: "Permissions boundaries",
    description: "The permissions boundary of each permission set",
  },
  {
    key: "accounts",
    name: "Accounts",
    description: "The AWS accounts of the organization, with their status",
  },
  {
    key: "accountDetails",
    name: "Account names and tags",
    description: "Each account's name, email and tags",
  },
  {
    key: "assignments",
    name: "Assignments",
    description: "Which user or group has which permission set in which account",
  },
  {
    key: "effectiveAccess",
    name: "Effective access",
    description: "Who can use which account with which permission set, directly or through which group",
  },
] as const;

export type CapabilityKey = (typeof CAPABILITY_ITEMS)[number]["key"];

export interface ActionEffect {
  /** The items the action feeds; "all" when nothing can be read without it. */
  items: readonly CapabilityKey[] | "all";
  /** What goes missing without it. */
  effect: string;
}

const USER_ITEMS = ["userName", "status", "name", "email", "licenseType"] as const;
const PERMISSION_SET_ITEMS = ["permissionSets", "permissionSetTags", "permissionsBoundaries"] as const;
const ACCESS_ITEMS = ["assignments", "effectiveAccess"] as const;

/**
 * IAM action -> the capability items it feeds. An action not listed here that fails a sync counts
 * as feeding every item; one not listed in a warning, as feeding none.
 */
export const ACTION_EFFECTS: Readonly<Record<string, ActionEffect>> = {
  "sts:AssumeRole": { items: "all", effect: "idc-sync cannot assume the role, so nothing is read" },
  "sso:ListInstances": { items: "all", effect: "the instance cannot be found, so nothing is read" },
  "identitystore:ListUsers": {
    items: [...USER_ITEMS, "memberships", "effectiveAccess"],
    effect: "users cannot be listed",
  },
  "identitystore:ListGroups": {
    items: ["groups", "memberships", "effectiveAccess"],
    effect: "groups cannot be listed",
  },
  "identitystore:ListGroupMemberships": {
    items: ["memberships", "effectiveAccess"],
    effect: "group members cannot be listed",
  },
  "identitystore:DescribeUser": { items: [], effect: "nothing: users are listed instead" },
  "identitystore:DescribeGroup": { items: [], effect: "nothing: groups are listed instead" },
  "identitystore:ListGroupMembershipsForMember": {
    items: [],
    effect: "nothing: members are listed per group instead",
  },
  "sso:DescribeInstance": { items: [], effect: "nothing the table shows" },
  "sso:ListPermissionSets": { items: PERMISSION_SET_ITEMS, effect: "permission sets cannot be listed" },
  "sso:DescribePermissionSet": {
    items: PERMISSION_SET_ITEMS,
    effect: "permission sets cannot be described",
  },
  "sso:ListManagedPoliciesInPermissionSet": {
    items: ["permissionSets"],
    effect: "managed policies of permission sets cannot be read",
  },
  "sso:GetInlinePolicyForPermissionSet": {
    items: ["permissionSets"],
    effect: "inline policies of permission sets cannot be read",
  },
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": {
    items: ["permissionSets"],
    effect: "customer managed policy references cannot be read",
  },
  "sso:ListTagsForResource": {
    items: ["permissionSetTags"],
    effect: "permission sets are read without tags",
  },
  "sso:GetPermissionsBoundaryForPermissionSet": {
    items: ["permissionsBoundaries"],
    effect: "permission sets are read without their boundaries",
  },
  "sso:ListPermissionSetsProvisionedToAccount": {
    items: ACCESS_ITEMS,
    effect: "the permission sets of each account cannot be found",
  },
  "sso:ListAccountAssignments": { items: ACCESS_ITEMS, effect: "assignments cannot be listed" },
  "sso:ListAccountAssignmentsForPrincipal": {
    items: ACCESS_ITEMS,
    effect: "assignments cannot be listed per user and group",
  },
  "sso:ListAccountsForProvisionedPermissionSet": { items: [], effect: "nothing the table shows" },
  "organizations:DescribeOrganization": {
    items: [],
    effect: "whether this is an organization or an account instance is unknown",
  },
  "organizations:ListAccounts": {
    items: ["accounts", "accountDetails"],
    effect: "only accounts that have assignments are shown",
  },
  "organizations:DescribeAccount": {
    items: ["accountDetails"],
    effect: "accounts not listed by Organizations are shown by id only",
  },
  "organizations:ListTagsForResource": {
    items: ["accountDetails"],
    effect: "accounts are shown without tags",
  },
};

/** Warnings without an action that still leave items out. */
const WARNING_EFFECTS: Readonly<Record<string, ActionEffect>> = {
  not_in_organization: {
    items: ["accounts", "accountDetails"],
    effect: "the role's AWS account is in no AWS organization, so accounts are known by id only",
  },
};

/** What the table needs of a connection (the store's Connection has all of it). */
export interface CapabilitySource {
  name: string;
  state: "pending" | "syncing" | "connected" | "error";
  lastError: { code: string; message: string; action: string | null } | null;
  lastWarnings: readonly { code: string; message: string; action?: string | null | undefined }[];
  lastSyncedAt: string | null;
}

function feeds(effect: ActionEffect | undefined, key: CapabilityKey, unknown: boolean): boolean {
  if (effect === undefined) return unknown;
  return effect.items === "all" || effect.items.includes(key);
}

function row(
  item: (typeof CAPABILITY_ITEMS)[number],
  available: boolean,
  missingAction: string | null,
  note: string | null,
): Capability {
  return { key: item.key, name: item.name, description: item.description, available, missingAction, note };
}

const missing = (action: string, effect: ActionEffect | undefined): string =>
  `Missing permission ${action}${effect === undefined ? "" : `: ${effect.effect}`}`;

/** One row per item for one connection. */
export function connectionCapabilities(c: CapabilitySource): Capability[] {
  const synced = c.lastSyncedAt !== null;
  const failed = c.state === "error" ? c.lastError : null;
  const failedAction = failed?.action ?? null;
  return CAPABILITY_ITEMS.map((item) => {
    if (failedAction !== null) {
      const effect = ACTION_EFFECTS[failedAction];
      if (feeds(effect, item.key, true)) {
        return row(item, false, failedAction, `${missing(failedAction, effect)}; the sync stops without it`);
      }
      if (!synced) {
        return row(
          item,
          false,
          failedAction,
          `Not synced yet: the sync stops at the missing ${failedAction}`,
        );
      }
    }
    if (synced) {
      for (const w of c.lastWarnings) {
        const action = w.action ?? null;
        const effect = action === null ? WARNING_EFFECTS[w.code] : ACTION_EFFECTS[action];
        if (!feeds(effect, item.key, false)) continue;
        if (action !== null) return row(item, false, action, missing(action, effect));
        return row(item, false, null, effect === undefined ? w.message : `Not available: ${effect.effect}`);
      }
    }
    if (failed !== null) {
      // A failure naming an action returned above unless the item was synced before.
      if (!synced) return row(item, false, null, `Not synced yet: the first sync failed: ${failed.message}`);
      const why =
        failedAction === null
          ? `the latest sync failed: ${failed.message}`
          : `newer syncs stop at the missing ${failedAction}`;
      return row(item, true, null, `As of the last successful sync; ${why}`);
    }
    if (!synced) return row(item, false, null, "Available after the first sync");
    return row(item, true, null, null);
  });
}

/**
 * One row per item for several connections: available when every connection has it; otherwise the
 * connections that lack it say why (and those that have it are named).
 */
export function combinedCapabilities(connections: readonly CapabilitySource[]): Capability[] {
  if (connections.length === 0) {
    return CAPABILITY_ITEMS.map((item) =>
      row(item, false, null, "No connection yet: connect an Identity Center instance"),
    );
  }
  const only = connections[0];
  if (connections.length === 1 && only !== undefined) return connectionCapabilities(only);
  const perConnection = connections.map((c) => ({ name: c.name, rows: connectionCapabilities(c) }));
  return CAPABILITY_ITEMS.map((item, i) => {
    const rows = perConnection.map((p) => ({ name: p.name, row: p.rows[i] as Capability }));
    const lacking = rows.filter((r) => !r.row.available);
    const having = rows.filter((r) => r.row.available);
    const notes = (lacking.length > 0 ? lacking : rows)
      .filter((r) => r.row.note !== null)
      .map((r) => `${r.name}: ${r.row.note ?? ""}`);
    if (lacking.length > 0 && having.length > 0) {
      notes.push(`available from ${having.map((r) => r.name).join(", ")}`);
    }
    const missingAction = lacking.find((r) => r.row.missingAction !== null)?.row.missingAction ?? null;
    return row(item, lacking.length === 0, missingAction, notes.length === 0 ? null : notes.join("; "));
  });
}
