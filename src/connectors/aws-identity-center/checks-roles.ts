// What each of the 20 actions of the permission policy does for the sync, and whether the sync
// can do without it. The one table of record: the checks report from it and tests assert on it.
import type { InstanceType } from "../../domain/model.js";
import type { PolicyAction } from "./actions.js";
import { chooseAssignmentPlan, type AssignmentPlan } from "./plan.js";

/**
 * - required: the sync fails without it.
 * - optional: the sync goes on without it (a warning says what is missing), or does not use it.
 * - fallback: needed only on the fallback path (no account list, or an account instance).
 */
export type ActionRole = "required" | "optional" | "fallback";

export interface ActionRoleInfo {
  role: ActionRole;
  /** What idc-sync reads with it (and, for optional ones, what is missing without it). */
  purpose: string;
}

export const ACTION_ROLES: Readonly<Record<PolicyAction, ActionRoleInfo>> = {
  "identitystore:ListUsers": { role: "required", purpose: "lists the users" },
  "identitystore:DescribeUser": {
    role: "optional",
    purpose: "reads one user by id; the sync lists users instead, so nothing is missing without it",
  },
  "identitystore:ListGroups": { role: "required", purpose: "lists the groups" },
  "identitystore:DescribeGroup": {
    role: "optional",
    purpose: "reads one group by id; the sync lists groups instead, so nothing is missing without it",
  },
  "identitystore:ListGroupMemberships": { role: "required", purpose: "lists the members of each group" },
  "identitystore:ListGroupMembershipsForMember": {
    role: "optional",
    purpose:
      "lists one user's groups; the sync lists members per group instead, so nothing is missing without it",
  },
  "sso:ListInstances": {
    role: "required",
    purpose: "finds the Identity Center instance and checks its Identity Store ID",
  },
  "sso:ListPermissionSets": { role: "required", purpose: "lists the permission sets" },
  "sso:DescribePermissionSet": {
    role: "required",
    purpose: "reads each permission set's name, description and session duration",
  },
  "sso:ListAccountAssignments": {
    role: "required",
    purpose: "lists who is assigned to each account with each permission set",
  },
  "sso:ListAccountAssignmentsForPrincipal": {
    role: "fallback",
    purpose:
      "reads assignments per user and group, used only when organizations:ListAccounts is denied or the instance is an account instance",
  },
  "sso:ListPermissionSetsProvisionedToAccount": {
    role: "required",
    purpose: "finds the permission sets provisioned to each account, so that only those assignments are read",
  },
  "sso:ListManagedPoliciesInPermissionSet": {
    role: "required",
    purpose: "reads the AWS managed policies of each permission set",
  },
  "sso:GetInlinePolicyForPermissionSet": {
    role: "required",
    purpose: "reads the inline policy of each permission set",
  },
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": {
    role: "required",
    purpose: "reads the customer managed policy references of each permission set",
  },
  "sso:ListTagsForResource": {
    role: "optional",
    purpose: "reads permission set tags; without it, permission sets are shown without tags",
  },
  "organizations:DescribeOrganization": {
    role: "optional",
    purpose:
      "tells an organization instance from an account instance; without it, the instance type is shown as unknown",
  },
  "organizations:ListAccounts": {
    role: "optional",
    purpose:
      "lists the accounts with their names, emails and states; without it, only accounts that have assignments are shown, and assignments are read per user and group (sso:ListAccountAssignmentsForPrincipal)",
  },
  "organizations:DescribeAccount": {
    role: "optional",
    purpose:
      "names accounts when organizations:ListAccounts is denied; without it, those accounts are shown by id",
  },
  "organizations:ListTagsForResource": {
    role: "optional",
    purpose: "reads account tags; without it, accounts are shown without tags",
  },
};

/** What the checks learnt that decides which actions the sync of this instance will call. */
export interface RequirementFacts {
  instanceType: InstanceType | null;
  /** DescribeInstance's PermissionSetsEnabled (undefined when unknown); false for instances without permission sets. */
  permissionSetsEnabled: boolean | undefined;
  /** Whether organizations:ListAccounts answered. */
  accountsListed: boolean;
}

const PER_ACCOUNT: ReadonlySet<string> = new Set([
  "sso:ListPermissionSetsProvisionedToAccount",
  "sso:ListAccountAssignments",
]);
const PER_PRINCIPAL = "sso:ListAccountAssignmentsForPrincipal";
const PERMISSION_SET_DETAILS: ReadonlySet<string> = new Set([
  "sso:ListPermissionSets",
  "sso:DescribePermissionSet",
  "sso:ListManagedPoliciesInPermissionSet",
  "sso:GetInlinePolicyForPermissionSet",
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
]);

/** The assignment plan the sync will follow (the reader's own choice, plan.ts). */
export function assignmentPlanFor(facts: RequirementFacts): AssignmentPlan {
  return chooseAssignmentPlan(facts);
}

/**
 * Whether the sync of this instance needs `action`: its role, adjusted to the path the sync will
 * take — the per-account assignment calls only on the per-account plan, the per-principal one only
 * on the fallback plan, permission set calls unless the instance has no permission sets.
 */
export function isRequired(action: PolicyAction, facts: RequirementFacts): boolean {
  const plan = assignmentPlanFor(facts);
  if (action === PER_PRINCIPAL) return plan === "per-principal";
  if (PER_ACCOUNT.has(action)) return plan === "per-account";
  if (PERMISSION_SET_DETAILS.has(action)) return facts.permissionSetsEnabled !== false;
  return ACTION_ROLES[action].role === "required";
}
