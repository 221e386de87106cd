// The read plan (design.md section 6): which calls, at which page sizes, how many at once.
//
//   1. sso ListInstances: the connection's instance must be there with its Identity Store ID.
//   2. In parallel, each in its own quota bucket:
//      - identitystore ListUsers (100 a page);
//      - identitystore ListGroups (100), and per group ListGroupMemberships (100);
//      - sso DescribeInstance + organizations DescribeOrganization (optional): the instance type;
//      - sso ListPermissionSets (100), per set DescribePermissionSet, ListManagedPolicies...,
//        ListCustomerManagedPolicyReferences..., GetInlinePolicy..., and optionally
//        ListTagsForResource and GetPermissionsBoundary... (ResourceNotFound = no boundary);
//      - organizations ListAccounts (20; empty pages may carry a NextToken), per account
//        ListTagsForResource (optional);
//      - assignments, per account: ListPermissionSetsProvisionedToAccount, then
//        ListAccountAssignments for the provisioned pairs only. Fallback where ListAccounts is
//        unavailable or the instance is an account instance: ListAccountAssignmentsForPrincipal per
//        user and per group (account names then come from DescribeAccount, optional).
//   Every (action, input) is sent at most once per read (SDK retries aside). The request budget
//   of the clients paces all calls; the limits below only bound how many wait at once.
import type { InstanceType } from "../../domain/model.js";

/** MaxResults per list action: AWS's maximum for each. */
export const PAGE_SIZES = {
  "identitystore:ListUsers": 100,
  "identitystore:ListGroups": 100,
  "identitystore:ListGroupMemberships": 100,
  "sso:ListInstances": 100,
  "sso:ListPermissionSets": 100,
  "sso:ListManagedPoliciesInPermissionSet": 100,
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": 100,
  "sso:ListPermissionSetsProvisionedToAccount": 100,
  "sso:ListAccountAssignments": 100,
  "sso:ListAccountAssignmentsForPrincipal": 100,
  "organizations:ListAccounts": 20,
} as const;

/** How many items of each fan-out are read at once (their calls then wait on the budget). */
export const CONCURRENCY = {
  /** Groups whose memberships are listed at once. */
  memberships: 8,
  /** Permission sets whose details are read at once (each reads up to six things in parallel). */
  permissionSets: 4,
  /** Accounts whose tags are read at once. */
  accountTags: 4,
  /** Accounts whose provisioned permission sets are listed at once. */
  accounts: 4,
  /** (account, permission set) pairs whose assignments are listed at once, per account. */
  pairs: 4,
  /** Users or groups whose assignments are listed at once in the per-principal fallback. */
  principals: 8,
} as const;

/** What decides how assignments are read. */
export interface AssignmentPlanInput {
  /** DescribeInstance's PermissionSetsEnabled; undefined when unknown. */
  permissionSetsEnabled: boolean | undefined;
  instanceType: InstanceType | null;
  /** True when Organizations listed the accounts. */
  accountsListed: boolean;
}

export type AssignmentPlan = "none" | "per-account" | "per-principal";

/**
 * An instance without permission sets has no assignments to read. The per-account plan needs the
 * account list and an organization instance (account instances have no per-account provisioning);
 * otherwise assignments are read per principal.
 */
export function chooseAssignmentPlan(input: AssignmentPlanInput): AssignmentPlan {
  if (input.permissionSetsEnabled === false) return "none";
  if (input.instanceType === "ACCOUNT" || !input.accountsListed) return "per-principal";
  return "per-account";
}
