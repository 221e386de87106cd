// Expected API call counts of the "per account" read plan (design.md section 6) over a world:
// users, groups, memberships per group, permission sets and their details, accounts and their
// tags, then per account the provisioned permission sets, and assignments per provisioned pair.
//
// Paging assumption (matches src/sandbox/paging.ts): a list of n items read `size` at a time
// takes max(1, ceil(n / size)) calls; a full last page carries no NextToken. Organizations'
// ListAccounts may also serve empty pages (server option emptyPageEvery = N, ops/organizations.ts):
// one empty page after every N data pages while data remains, i.e. floor((pages - 1) / N) extra.
import type { SbWorld } from "./model.js";

/** MaxResults per list action as the connector sends it (AWS maximums by default). */
export interface PlanPageSizes {
  "identitystore:ListUsers": number;
  "identitystore:ListGroups": number;
  "identitystore:ListGroupMemberships": number;
  "sso:ListInstances": number;
  "sso:ListPermissionSets": number;
  "sso:ListManagedPoliciesInPermissionSet": number;
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": number;
  "sso:ListPermissionSetsProvisionedToAccount": number;
  "sso:ListAccountAssignments": number;
  "organizations:ListAccounts": number;
  /** Tag lists take no MaxResults: these are the sandbox server's fixed page sizes. */
  "sso:ListTagsForResource": number;
  "organizations:ListTagsForResource": number;
}

export const DEFAULT_PAGE_SIZES: Readonly<PlanPageSizes> = {
  "identitystore:ListUsers": 100,
  "identitystore:ListGroups": 100,
  "identitystore:ListGroupMemberships": 100,
  "sso:ListInstances": 100,
  "sso:ListPermissionSets": 100,
  "sso:ListManagedPoliciesInPermissionSet": 100,
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet": 100,
  "sso:ListPermissionSetsProvisionedToAccount": 100,
  "sso:ListAccountAssignments": 100,
  "organizations:ListAccounts": 20,
  "sso:ListTagsForResource": 50,
  "organizations:ListTagsForResource": 20,
};

export interface PlanCallOptions {
  pageSizes?: Partial<PlanPageSizes>;
  /** The server's Organizations empty-page knob (0 = none); default: the server's default. */
  emptyPageEvery?: number;
}

/** startSandbox's default `emptyPageEvery` (src/sandbox/server.ts): keep the two equal. */
export const SERVER_DEFAULT_EMPTY_PAGE_EVERY = 3;

function pages(items: number, size: number): number {
  return Math.max(1, Math.ceil(items / size));
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

/**
 * Expected calls per IAM action ("service:Action") for one full read. Every account ListAccounts
 * returns is read (suspended and closed ones included).
 */
export function planCallCounts(world: SbWorld, options: PlanCallOptions = {}): Record<string, number> {
  const size = { ...DEFAULT_PAGE_SIZES, ...options.pageSizes };
  const ps = world.permissionSets;
  const membersPerGroup = countBy(world.memberships, (m) => m.GroupId);
  const assignmentsPerPair = countBy(world.assignments, (a) => `${a.AccountId} ${a.PermissionSetArn}`);
  let memberships = 0;
  for (const g of world.groups) {
    memberships += pages(membersPerGroup.get(g.GroupId) ?? 0, size["identitystore:ListGroupMemberships"]);
  }
  let provisionedCalls = 0;
  let assignmentCalls = 0;
  for (const account of world.accounts) {
    const arns = world.provisioned[account.Id] ?? [];
    provisionedCalls += pages(arns.length, size["sso:ListPermissionSetsProvisionedToAccount"]);
    for (const arn of arns) {
      const n = assignmentsPerPair.get(`${account.Id} ${arn}`) ?? 0;
      assignmentCalls += pages(n, size["sso:ListAccountAssignments"]);
    }
  }
  const accountPages = pages(world.accounts.length, size["organizations:ListAccounts"]);
  const every = options.emptyPageEvery ?? SERVER_DEFAULT_EMPTY_PAGE_EVERY;
  const emptyPages = every > 0 ? Math.floor((accountPages - 1) / every) : 0;
  const sum = (f: (i: number) => number) => ps.reduce((acc, _, i) => acc + f(i), 0);
  return {
    "identitystore:ListUsers": pages(world.users.length, size["identitystore:ListUsers"]),
    "identitystore:ListGroups": pages(world.groups.length, size["identitystore:ListGroups"]),
    "identitystore:ListGroupMemberships": memberships,
    "sso:ListInstances": pages(1 + world.otherInstances.length, size["sso:ListInstances"]),
    "sso:DescribeInstance": 1,
    "sso:ListPermissionSets": pages(ps.length, size["sso:ListPermissionSets"]),
    "sso:DescribePermissionSet": ps.length,
    "sso:ListManagedPoliciesInPermissionSet": sum((i) =>
      pages(ps[i]?.ManagedPolicies.length ?? 0, size["sso:ListManagedPoliciesInPermissionSet"]),
    ),
    "sso:ListCustomerManagedPolicyReferencesInPermissionSet": sum((i) =>
      pages(
        ps[i]?.CustomerManagedPolicyReferences.length ?? 0,
        size["sso:ListCustomerManagedPolicyReferencesInPermissionSet"],
      ),
    ),
    "sso:GetInlinePolicyForPermissionSet": ps.length,
    "sso:GetPermissionsBoundaryForPermissionSet": ps.length,
    "sso:ListTagsForResource": sum((i) => pages(ps[i]?.Tags.length ?? 0, size["sso:ListTagsForResource"])),
    "sso:ListPermissionSetsProvisionedToAccount": provisionedCalls,
    "sso:ListAccountAssignments": assignmentCalls,
    "organizations:DescribeOrganization": 1,
    "organizations:ListAccounts": accountPages + emptyPages,
    "organizations:ListTagsForResource": world.accounts.reduce(
      (n, a) => n + pages(a.Tags.length, size["organizations:ListTagsForResource"]),
      0,
    ),
  };
}
