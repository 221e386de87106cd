// Whether the sync of one instance needs an action: its role in the IAM action table (actions.ts),
// adjusted to the path the sync will take there.
import type { InstanceType } from "../../domain/model.js";
import { IAM_ACTIONS, type IamAction } from "./actions.js";
import { chooseAssignmentPlan, type AssignmentPlan } from "./plan.js";

/** What the checks learnt that decides which actions the sync of this instance will call. */
export interface RequirementFacts {
  instanceType: InstanceType | null;
  /** DescribeInstance's PermissionSetsEnabled (undefined when unknown); false for instances without permission sets. */
  permissionSetsEnabled: boolean | undefined;
  /** Whether organizations:ListAccounts answered. */
  accountsListed: boolean;
}

const PER_ACCOUNT: ReadonlySet<IamAction> = new Set<IamAction>([
  "sso:ListPermissionSetsProvisionedToAccount",
  "sso:ListAccountAssignments",
]);
const PER_PRINCIPAL = "sso:ListAccountAssignmentsForPrincipal";
const PERMISSION_SET_DETAILS: ReadonlySet<IamAction> = new Set<IamAction>([
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
export function isRequired(action: IamAction, facts: RequirementFacts): boolean {
  const plan = assignmentPlanFor(facts);
  if (action === PER_PRINCIPAL) return plan === "per-principal";
  if (PER_ACCOUNT.has(action)) return plan === "per-account";
  if (PERMISSION_SET_DETAILS.has(action)) return facts.permissionSetsEnabled !== false;
  return IAM_ACTIONS[action].role === "required";
}
