// A whole generated organization read through the real SDK with the "per account" plan
// (design.md section 6): what comes back equals the world, and the counted calls equal the data
// side's independent expectation (truth.ts planCallCounts).
import type { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import {
  paginateListGroupMemberships,
  paginateListGroups,
  paginateListUsers,
} from "@aws-sdk/client-identitystore";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import {
  DescribeOrganizationCommand,
  paginateListAccounts,
  paginateListTagsForResource as paginateOrgTags,
} from "@aws-sdk/client-organizations";
import type { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import {
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  paginateListAccountAssignments,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListInstances,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  paginateListPermissionSetsProvisionedToAccount,
  paginateListTagsForResource as paginateSsoTags,
} from "@aws-sdk/client-sso-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWorld, startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { planCallCounts } from "../../src/sandbox/truth.js";
import { assumeRole, clients, type Clients } from "./sandbox-test-world.js";

let sandbox: Sandbox;
let c: Clients;

beforeAll(async () => {
  const world = generateWorld({ users: 230, groups: 12, accounts: 70, permissionSets: 7, seed: 11 });
  sandbox = await startSandbox({ world });
  c = clients(sandbox, await assumeRole(sandbox));
  sandbox.counters.reset();
});
afterAll(async () => {
  await sandbox.close();
});

async function collect<P, T>(pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

async function readAll(is: IdentitystoreClient, sso: SSOAdminClient, org: OrganizationsClient) {
  const { identityStoreId: IdentityStoreId, instanceArn: InstanceArn } = sandbox.connectValues();
  const users = await collect(paginateListUsers({ client: is }, { IdentityStoreId }), (p) => p.Users);
  const groups = await collect(paginateListGroups({ client: is }, { IdentityStoreId }), (p) => p.Groups);
  const memberships: string[] = [];
  for (const g of groups) {
    const input = { IdentityStoreId, GroupId: g.GroupId ?? "" };
    const list = await collect(
      paginateListGroupMemberships({ client: is }, input),
      (p) => p.GroupMemberships,
    );
    for (const m of list) memberships.push(`${m.GroupId} ${m.MemberId?.UserId}`);
  }
  await collect(paginateListInstances({ client: sso }, {}), (p) => p.Instances);
  await sso.send(new DescribeInstanceCommand({ InstanceArn }));
  const sets = await collect(
    paginateListPermissionSets({ client: sso }, { InstanceArn }),
    (p) => p.PermissionSets,
  );
  for (const PermissionSetArn of sets) {
    const ps = { InstanceArn, PermissionSetArn };
    await sso.send(new DescribePermissionSetCommand(ps));
    await collect(
      paginateListManagedPoliciesInPermissionSet({ client: sso }, ps),
      (p) => p.AttachedManagedPolicies,
    );
    await collect(
      paginateListCustomerManagedPolicyReferencesInPermissionSet({ client: sso }, ps),
      (p) => p.CustomerManagedPolicyReferences,
    );
    await sso.send(new GetInlinePolicyForPermissionSetCommand(ps));
    await sso.send(new GetPermissionsBoundaryForPermissionSetCommand(ps)).catch((err: Error) => {
      if (err.name !== "ResourceNotFoundException") throw err;
    });
    await collect(
      paginateSsoTags({ client: sso }, { InstanceArn, ResourceArn: PermissionSetArn }),
      (p) => p.Tags,
    );
  }
  await org.send(new DescribeOrganizationCommand({}));
  const accounts = await collect(paginateListAccounts({ client: org }, {}), (p) => p.Accounts);
  const assignments: string[] = [];
  for (const account of accounts) {
    const AccountId = account.Id ?? "";
    await collect(paginateOrgTags({ client: org }, { ResourceId: AccountId }), (p) => p.Tags);
    const provisioned = await collect(
      paginateListPermissionSetsProvisionedToAccount({ client: sso }, { InstanceArn, AccountId }),
      (p) => p.PermissionSets,
    );
    for (const PermissionSetArn of provisioned) {
      const input = { InstanceArn, AccountId, PermissionSetArn };
      const list = await collect(
        paginateListAccountAssignments({ client: sso }, input),
        (p) => p.AccountAssignments,
      );
      for (const a of list)
        assignments.push(`${a.AccountId} ${a.PermissionSetArn} ${a.PrincipalType} ${a.PrincipalId}`);
    }
  }
  return { users, groups, memberships, accounts, assignments };
}

describe("sandbox serving a generated organization", () => {
  it("returns the whole world with exactly the calls truth.ts expects", async () => {
    const world = sandbox.world;
    const read = await readAll(c.identitystore, c.sso, c.organizations);
    expect(read.users.map((u) => [u.UserId, u.UserName, u.UserStatus])).toEqual(
      world.users.map((u) => [u.UserId, u.UserName, u.UserStatus]),
    );
    expect(read.groups.map((g) => g.GroupId)).toEqual(world.groups.map((g) => g.GroupId));
    expect(read.memberships.sort()).toEqual(world.memberships.map((m) => `${m.GroupId} ${m.UserId}`).sort());
    expect(read.accounts.map((a) => a.Id)).toEqual(world.accounts.map((a) => a.Id));
    const provisionedPairs = new Set(
      Object.entries(world.provisioned).flatMap(([account, arns]) => arns.map((arn) => `${account} ${arn}`)),
    );
    const expectedAssignments = world.assignments
      .filter((a) => provisionedPairs.has(`${a.AccountId} ${a.PermissionSetArn}`))
      .map((a) => `${a.AccountId} ${a.PermissionSetArn} ${a.PrincipalType} ${a.PrincipalId}`);
    expect(read.assignments.sort()).toEqual(expectedAssignments.sort());

    const counted = sandbox.counters.snapshot().byAction;
    const expected = planCallCounts(world);
    const actual = Object.fromEntries(
      Object.keys(expected).map((action) => [action, counted[action]?.total ?? 0]),
    );
    expect(actual).toEqual(expected);
    expect(sandbox.counters.snapshot().total.failed + sandbox.counters.snapshot().total.throttled).toBe(0);
  });
});
