// The IAM action table: the one list of every AWS action idc-sync calls, and per action where the
// customer grants it, whether the sync needs it, what it reads, which capability items it feeds and
// what goes missing when it is denied. The permission policy, the connect checks, the Integration
// Capabilities table and ReadContext all read it; nothing else lists actions.
import type { CapabilityKey } from "./capability-items.js";

export interface IamActionInfo {
  /**
   * Where the customer grants it: the permission policy (exactly the 20 actions of
   * aws-identity-center.md), the trust policy, or nowhere: an optional extra, used when allowed.
   */
  grant: "permission-policy" | "trust-policy" | "extra";
  /**
   * - required: the sync fails without it.
   * - fallback: needed only on the fallback path (no account list, or an account instance).
   * - optional: the sync goes on without it (a warning says what is missing), or does not use it.
   */
  role: "required" | "fallback" | "optional";
  /** What idc-sync reads with it (and, for optional ones, what is missing without it). */
  purpose: string;
  /** The capability items it feeds; "all" when nothing can be read without it. */
  feeds: readonly CapabilityKey[] | "all";
  /** What goes missing when it is denied. */
  whenDenied: string;
}

const USERS = ["userName", "status", "name", "email", "licenseType"] as const;
const PERMISSION_SETS = ["permissionSets", "permissionSetTags", "permissionsBoundaries"] as const;
const ACCESS = ["assignments", "effectiveAccess"] as const;

export const IAM_ACTIONS = {
  "identitystore:ListUsers": {
    grant: "permission-policy",
    role: "required",
    purpose: "lists the users",
    feeds: [...USERS, "memberships", "effectiveAccess"],
    whenDenied: "users cannot be listed",
  },
  "identitystore:DescribeUser": {
    grant: "permission-policy",
    role: "optional",
    purpose: "reads one user by id; the sync lists users instead, so nothing is missing without it",
    feeds: [],
    whenDenied: "nothing: users are listed instead",
  },
  "identitystore:ListGroups": {
    grant: "permission-policy",
    role: "required",
    purpose: "lists the groups",
    feeds: ["groups", "memberships", "effectiveAccess"],
    whenDenied: "groups cannot be listed",
  },
  "identitystore:DescribeGroup": {
    grant: "permission-policy",
    role: "optional",
    purpose: "reads one group by id; the sync lists groups instead, so nothing is missing without it",
    feeds: [],
    whenDenied: "nothing: groups are listed instead",
  },
  "identitystore:ListGroupMemberships": {
    grant: "permission-policy",
    role: "required",
    purpose: "lists the members of each group",
    feeds: ["memberships", "effectiveAccess"],
    whenDenied: "group members cannot be listed",
  },
  "identitystore:ListGroupMembershipsForMember": {
    grant: "permission-policy",
    role: "optional",
    purpose:
      "lists one user's groups; the sync lists members per group instead, so nothing is missing without it",
    feeds: [],
    whenDenied: "nothing: members are listed per group instead",
  },
  "sso:ListInstances": {
    grant: "permission-policy",
    role: "required",
    purpose: "finds the Identity Center instance and checks its Identity Store ID",
    feeds: "all",
    whenDenied: "the instance cannot be found, so nothing is read",
  },
  "sso:ListPermissionSets": {
    grant: "permission-policy",
    role: "required",
    purpose: "lists the permission sets",
    feeds: PERMISSION_SETS,
    whenDenied: "permission sets cannot be listed",
  },
  "sso:DescribePermissionSet": {
    grant: "permission-policy",
    role: "required",
    purpose: "reads each permission set's name, description and session duration",
    feeds: PERMISSION_SETS,
    whenDenied: "permission sets cannot be described",
  },
  "sso:ListAccountAssignments": {
    grant: "permission-policy",
    role: "required",
    purpose: "lists who is assigned to each account with each permission set",
    feeds: ACCESS,
    whenDenied: "assignments cannot be listed",
  },
  "sso:ListAccountAssignmentsForPrincipal": {
    grant: "permission-policy",
    role: "fallback",
    purpose:
      "reads assignments per user and group, used only when organizations:ListAccounts is denied or the instance is an account instance",
    feeds: ACCESS,
    whenDenied: "assignments cannot be listed per user and group",
  },
  "sso:ListPermissionSetsProvisionedToAccount": {
    grant: "permission-policy",
    role: "required",
    purpose: "finds the permission sets provisioned to each account, so that only those assignments are read",
    feeds: ACCESS,
    whenDenied: "the permission sets of each account cannot be found",
  },
  "sso:ListManagedPoliciesInPermissionSet": {
    grant: "permission-policy",
    role: "required",
    purpose: "reads the AWS managed policies of each permission set",
    feeds: ["permissionSets"],
    whenDenied: "managed policies of permission sets cannot be read",
  },
  "sso:GetInlinePolicyForPermissionSet": {
    grant: "permission-policy",
    role: "required",
    purpose: "reads the inline policy of each permission set",
    feeds: ["permissionSets"],
    whenDenied: "inline policies of permission sets cannot be read",
  },
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": {
    grant: "permission-policy",
    role: "required",
    purpose: "reads the customer managed policy references of each permission set",
    feeds: ["permissionSets"],
    whenDenied: "customer managed policy references cannot be read",
  },
  "sso:ListTagsForResource": {
    grant: "permission-policy",
    role: "optional",
    purpose: "reads permission set tags; without it, permission sets are shown without tags",
    feeds: ["permissionSetTags"],
    whenDenied: "permission sets are read without tags",
  },
  "organizations:DescribeOrganization": {
    grant: "permission-policy",
    role: "optional",
    purpose:
      "tells an organization instance from an account instance; without it, the instance type is shown as unknown",
    feeds: [],
    whenDenied: "whether this is an organization or an account instance is unknown",
  },
  "organizations:ListAccounts": {
    grant: "permission-policy",
    role: "optional",
    purpose:
      "lists the accounts with their names, emails and states; without it, only accounts that have assignments are shown, and assignments are read per user and group (sso:ListAccountAssignmentsForPrincipal)",
    feeds: ["accounts", "accountDetails"],
    whenDenied: "only accounts that have assignments are shown",
  },
  "organizations:DescribeAccount": {
    grant: "permission-policy",
    role: "optional",
    purpose:
      "names accounts when organizations:ListAccounts is denied; without it, those accounts are shown by id",
    feeds: ["accountDetails"],
    whenDenied: "accounts not listed by Organizations are shown by id only",
  },
  "organizations:ListTagsForResource": {
    grant: "permission-policy",
    role: "optional",
    purpose: "reads account tags; without it, accounts are shown without tags",
    feeds: ["accountDetails"],
    whenDenied: "accounts are shown without tags",
  },
  "sso:DescribeInstance": {
    grant: "extra",
    role: "optional",
    purpose:
      "tells whether the instance has permission sets enabled; without it, the sync finds out by listing them",
    feeds: [],
    whenDenied: "nothing the table shows: permission sets are listed to find out whether there are any",
  },
  "sso:GetPermissionsBoundaryForPermissionSet": {
    grant: "extra",
    role: "optional",
    purpose: "reads the permissions boundary of each permission set; without it, boundaries are not shown",
    feeds: ["permissionsBoundaries"],
    whenDenied: "permission sets are read without their boundaries",
  },
  "cloudtrail:LookupEvents": {
    grant: "extra",
    role: "optional",
    purpose:
      "reads IAM Identity Center sign-ins and portal federations of the last 90 days from CloudTrail's event history; without it, last sign-in and last use are not shown and the inactivity findings stay silent",
    feeds: ["signInActivity"],
    whenDenied: "last sign-in and last use are not shown, and no inactivity findings are raised",
  },
  "sts:AssumeRole": {
    grant: "trust-policy",
    role: "required",
    purpose: "assumes the role with your organization's external id",
    feeds: "all",
    whenDenied: "idc-sync cannot assume the role, so nothing is read",
  },
} as const satisfies Record<string, IamActionInfo>;

/** Every AWS action idc-sync calls, e.g. "identitystore:ListUsers". */
export type IamAction = keyof typeof IAM_ACTIONS;
type Granted<G extends IamActionInfo["grant"]> = {
  [A in IamAction]: (typeof IAM_ACTIONS)[A]["grant"] extends G ? A : never;
}[IamAction];
/** One of the 20 actions of the permission policy. */
export type PolicyAction = Granted<"permission-policy">;
/** An optional extra: used when allowed, never in the permission policy. */
export type OptionalAction = Granted<"extra">;

const ALL_ACTIONS = Object.keys(IAM_ACTIONS) as IamAction[];

/** The read-only permission policy customers attach to the role: exactly these 20 actions. */
export const POLICY_ACTIONS = ALL_ACTIONS.filter(
  (a): a is PolicyAction => IAM_ACTIONS[a].grant === "permission-policy",
);

/** Actions the sync uses when allowed but never requires: a denial degrades to a warning. */
export const OPTIONAL_EXTRA_ACTIONS = ALL_ACTIONS.filter(
  (a): a is OptionalAction => IAM_ACTIONS[a].grant === "extra",
);

export function isIamAction(action: string): action is IamAction {
  return Object.hasOwn(IAM_ACTIONS, action);
}

/** The table's entry for an action, or undefined for one idc-sync does not call. */
export function iamActionInfo(action: string): IamActionInfo | undefined {
  return isIamAction(action) ? IAM_ACTIONS[action] : undefined;
}

/** The IAM service prefix of each SDK client, keyed by the client's lower-cased `serviceId`. */
const SERVICE_PREFIXES: Readonly<Record<string, string>> = {
  identitystore: "identitystore",
  "sso admin": "sso",
  "sso-admin": "sso",
  sso: "sso",
  organizations: "organizations",
  sts: "sts",
  cloudtrail: "cloudtrail",
};

/**
 * The IAM action an SDK command needs, e.g. ("SSO Admin", "ListInstancesCommand") ->
 * "sso:ListInstances". `serviceId` is the client's `config.serviceId` (case-insensitive; "sso-admin"
 * also accepted); the "Command" suffix is optional. Throws for a service outside the catalogue.
 */
export function actionForCommand(serviceId: string, commandName: string): string {
  const prefix = SERVICE_PREFIXES[serviceId.trim().toLowerCase()];
  if (prefix === undefined) {
    throw new Error(`actionForCommand: unknown AWS service "${serviceId}"`);
  }
  const operation = commandName.endsWith("Command") ? commandName.slice(0, -"Command".length) : commandName;
  return `${prefix}:${operation}`;
}

/**
 * The request-budget bucket an action draws from, following AWS's quotas: Identity Store has a
 * quota per API (one bucket per action), sso-admin one collective quota ("sso"), and
 * Organizations, STS and CloudTrail (LookupEvents: 2 TPS per account and region) one bucket each.
 */
export function quotaBucketOf(action: string): string {
  const colon = action.indexOf(":");
  const prefix = colon < 0 ? action : action.slice(0, colon);
  return prefix === "identitystore" ? action : prefix;
}
