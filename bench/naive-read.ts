// The naive baseline: what a straightforward sync does. It reads the same things as the connector
// (users, groups and their memberships, permission sets with their details, accounts with their
// tags, assignments) one call at a time, and asks ListAccountAssignments for every account x every
// permission set, provisioned or not. It keeps counts only: its time is what is measured.
import {
  paginateListGroupMemberships,
  paginateListGroups,
  paginateListUsers,
} from "@aws-sdk/client-identitystore";
import {
  paginateListAccounts,
  paginateListTagsForResource as paginateAccountTags,
} from "@aws-sdk/client-organizations";
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountAssignments,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  paginateListTagsForResource,
} from "@aws-sdk/client-sso-admin";
import { createIdcClients } from "../src/connectors/aws-identity-center/clients.js";
import { NotFoundError } from "../src/domain/errors.js";
import type { RequestBudget } from "../src/aws-calls/request-budget.js";
import type { ConnectValues } from "../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS } from "./sandbox-admin.js";

export interface NaiveCounts {
  users: number;
  groups: number;
  memberships: number;
  permissionSets: number;
  accounts: number;
  assignments: number;
  /** ListAccountAssignments calls: at least accounts x permission sets. */
  pairsQueried: number;
}

export interface NaiveResult {
  seconds: number;
  counts: NaiveCounts;
  calls: Record<string, number>;
  retries: number;
  throttles: number;
}

async function count<P>(pages: AsyncIterable<P>, items: (page: P) => readonly unknown[] | undefined) {
  let n = 0;
  for await (const page of pages) n += items(page)?.length ?? 0;
  return n;
}

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => readonly T[] | undefined) {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** Reads the sandbox organization sequentially through the same SDK clients and budget. */
export async function naiveRead(connect: ConnectValues, budget: RequestBudget): Promise<NaiveResult> {
  const { endpoint, externalId, ...values } = connect;
  const clients = createIdcClients({
    values,
    externalId,
    connectionId: "bench-naive",
    endpointUrl: endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget,
  });
  const { identityStore, ssoAdmin, organizations } = clients;
  const t0 = performance.now();
  try {
    // Fresh input objects for every paginator: the SDK's paginators write NextToken into theirs.
    const store = () => ({ IdentityStoreId: values.identityStoreId });
    const instance = () => ({ InstanceArn: values.instanceArn });
    await count(paginateListInstances({ client: ssoAdmin, pageSize: 100 }, {}), (p) => p.Instances);
    const users = await count(
      paginateListUsers({ client: identityStore, pageSize: 100 }, store()),
      (p) => p.Users,
    );
    const groups = await collect(
      paginateListGroups({ client: identityStore, pageSize: 100 }, store()),
      (p) => p.Groups,
    );
    let memberships = 0;
    for (const g of groups) {
      memberships += await count(
        paginateListGroupMemberships(
          { client: identityStore, pageSize: 100 },
          { ...store(), GroupId: g.GroupId },
        ),
        (p) => p.GroupMemberships,
      );
    }
    const sets = await collect(
      paginateListPermissionSets({ client: ssoAdmin, pageSize: 100 }, instance()),
      (p) => p.PermissionSets,
    );
    for (const arn of sets) {
      const input = () => ({ ...instance(), PermissionSetArn: arn });
      await ssoAdmin.send(new DescribePermissionSetCommand(input()));
      await count(
        paginateListManagedPoliciesInPermissionSet({ client: ssoAdmin, pageSize: 100 }, input()),
        (p) => p.AttachedManagedPolicies,
      );
      await count(
        paginateListCustomerManagedPolicyReferencesInPermissionSet(
          { client: ssoAdmin, pageSize: 100 },
          input(),
        ),
        (p) => p.CustomerManagedPolicyReferences,
      );
      await ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(input()));
      await count(
        paginateListTagsForResource({ client: ssoAdmin }, { ...instance(), ResourceArn: arn }),
        (p) => p.Tags,
      );
      await ssoAdmin
        .send(new GetPermissionsBoundaryForPermissionSetCommand(input()))
        .catch((err: unknown) => {
          if (!(err instanceof NotFoundError)) throw err;
        });
    }
    const accounts = await collect(
      paginateListAccounts({ client: organizations, pageSize: 20 }, {}),
      (p) => p.Accounts,
    );
    for (const a of accounts) {
      await count(paginateAccountTags({ client: organizations }, { ResourceId: a.Id }), (p) => p.Tags);
    }
    let assignments = 0;
    let pairsQueried = 0;
    for (const a of accounts) {
      for (const arn of sets) {
        pairsQueried++;
        assignments += await count(
          paginateListAccountAssignments(
            { client: ssoAdmin, pageSize: 100 },
            { ...instance(), AccountId: a.Id, PermissionSetArn: arn },
          ),
          (p) => p.AccountAssignments,
        );
      }
    }
    const seconds = Math.round(performance.now() - t0) / 1000;
    const stats = clients.meter.stats();
    return {
      seconds,
      counts: {
        users,
        groups: groups.length,
        memberships,
        permissionSets: sets.length,
        accounts: accounts.length,
        assignments,
        pairsQueried,
      },
      calls: stats.callsByAction,
      retries: stats.retries,
      throttles: stats.throttles,
    };
  } finally {
    clients.destroy();
  }
}
