// The IAM action catalogue: the one list of actions idc-sync calls, the permission policy shown to
// customers, and the map from SDK commands to IAM actions (used to meter calls and name denials).

/** The read-only permission policy customers attach to the role: exactly these 20 actions. */
export const POLICY_ACTIONS = [
  "identitystore:ListUsers",
  "identitystore:DescribeUser",
  "identitystore:ListGroups",
  "identitystore:DescribeGroup",
  "identitystore:ListGroupMemberships",
  "identitystore:ListGroupMembershipsForMember",
  "sso:ListInstances",
  "sso:ListPermissionSets",
  "sso:DescribePermissionSet",
  "sso:ListAccountAssignments",
  "sso:ListAccountAssignmentsForPrincipal",
  "sso:ListPermissionSetsProvisionedToAccount",
  "sso:ListManagedPoliciesInPermissionSet",
  "sso:GetInlinePolicyForPermissionSet",
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
  "sso:ListTagsForResource",
  "organizations:DescribeOrganization",
  "organizations:ListAccounts",
  "organizations:DescribeAccount",
  "organizations:ListTagsForResource",
] as const;

/** Actions we use when allowed but never require: a denial degrades to a warning. */
export const OPTIONAL_EXTRA_ACTIONS = [
  "sso:DescribeInstance",
  "sso:GetPermissionsBoundaryForPermissionSet",
  "sso:ListAccountsForProvisionedPermissionSet",
] as const;

/** One of the 20 required actions. */
export type PolicyAction = (typeof POLICY_ACTIONS)[number];
/** One of the optional extra actions. */
export type OptionalAction = (typeof OPTIONAL_EXTRA_ACTIONS)[number];

/** The IAM service prefix of each SDK client, keyed by the client's lower-cased `serviceId`. */
const SERVICE_PREFIXES: Readonly<Record<string, string>> = {
  identitystore: "identitystore",
  "sso admin": "sso",
  "sso-admin": "sso",
  sso: "sso",
  organizations: "organizations",
  sts: "sts",
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
 * Organizations and STS one bucket each.
 */
export function quotaBucketOf(action: string): string {
  const colon = action.indexOf(":");
  const prefix = colon < 0 ? action : action.slice(0, colon);
  return prefix === "identitystore" ? action : prefix;
}
