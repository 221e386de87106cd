// SSO Admin operations through the real SDK against the sandbox.
import {
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListAccountsForProvisionedPermissionSetCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListInstancesCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ListTagsForResourceCommand,
  paginateListPermissionSets,
} from "@aws-sdk/client-sso-admin";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import {
  accountIdOf,
  assumeRole,
  clients,
  identityId,
  INSTANCE,
  MGMT,
  OTHER_INSTANCE,
  OTHER_STORE,
  PS_ADMIN,
  PS_READ,
  rejection,
  statusOf,
  STORE,
  testWorld,
  type Clients,
} from "./sandbox-test-world.js";

let sandbox: Sandbox;
let c: Clients;
const ACCOUNT_1 = accountIdOf(1);

beforeAll(async () => {
  sandbox = await startSandbox({ world: testWorld() });
  c = clients(sandbox, await assumeRole(sandbox));
});
afterAll(async () => {
  await sandbox.close();
});

describe("sandbox sso-admin", () => {
  it("lists and describes instances", async () => {
    const out = await c.sso.send(new ListInstancesCommand({}));
    expect(out.Instances?.map((i) => [i.InstanceArn, i.IdentityStoreId])).toEqual([
      [INSTANCE, STORE],
      [OTHER_INSTANCE, OTHER_STORE],
    ]);
    expect(out.Instances?.[0]).toMatchObject({
      OwnerAccountId: MGMT,
      Status: "ACTIVE",
      PrimaryRegion: "eu-west-1",
    });
    const main = await c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE }));
    expect(main).toMatchObject({
      InstanceArn: INSTANCE,
      IdentityStoreId: STORE,
      PermissionSetsEnabled: true,
    });
    expect(main.CreatedDate).toEqual(new Date("2024-03-01T12:00:00.000Z"));
    const other = await c.sso.send(new DescribeInstanceCommand({ InstanceArn: OTHER_INSTANCE }));
    expect(other.PermissionSetsEnabled).toBe(false);
  });

  it("lists permission sets page by page and describes them", async () => {
    const pages: string[][] = [];
    for await (const page of paginateListPermissionSets(
      { client: c.sso, pageSize: 1 },
      { InstanceArn: INSTANCE },
    )) {
      pages.push(page.PermissionSets ?? []);
    }
    expect(pages).toEqual([[PS_ADMIN], [PS_READ]]);
    const admin = await c.sso.send(
      new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: PS_ADMIN }),
    );
    expect(admin.PermissionSet).toMatchObject({
      Name: "Admin",
      PermissionSetArn: PS_ADMIN,
      Description: "full access",
      SessionDuration: "PT4H",
      RelayState: "https://console.aws.amazon.com/",
    });
    expect(admin.PermissionSet?.CreatedDate).toBeInstanceOf(Date);
  });

  it("reads a permission set's policies, boundary and tags", async () => {
    const ps = { InstanceArn: INSTANCE, PermissionSetArn: PS_ADMIN };
    const managed = await c.sso.send(new ListManagedPoliciesInPermissionSetCommand(ps));
    expect(managed.AttachedManagedPolicies).toEqual([
      { Name: "AdministratorAccess", Arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    ]);
    const customer = await c.sso.send(new ListCustomerManagedPolicyReferencesInPermissionSetCommand(ps));
    expect(customer.CustomerManagedPolicyReferences).toEqual([{ Name: "extra", Path: "/team/" }]);
    const inline = await c.sso.send(new GetInlinePolicyForPermissionSetCommand(ps));
    expect(inline.InlinePolicy).toBe('{"Version":"2012-10-17","Statement":[]}');
    const boundary = await c.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(ps));
    expect(boundary.PermissionsBoundary).toEqual({
      ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
    });
    const tags = await c.sso.send(
      new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: PS_ADMIN }),
    );
    expect(tags.Tags).toEqual([{ Key: "tier", Value: "gold" }]);
    const instanceTags = await c.sso.send(new ListTagsForResourceCommand({ ResourceArn: INSTANCE }));
    expect(instanceTags.Tags).toEqual([]);

    const read = { InstanceArn: INSTANCE, PermissionSetArn: PS_READ };
    expect((await c.sso.send(new GetInlinePolicyForPermissionSetCommand(read))).InlinePolicy ?? "").toBe("");
    const noBoundary = await rejection(c.sso.send(new GetPermissionsBoundaryForPermissionSetCommand(read)));
    expect(noBoundary.name).toBe("ResourceNotFoundException");
    expect(statusOf(noBoundary)).toBe(404);
  });

  it("answers provisioning both ways and assignments per pair and per principal", async () => {
    const toAccount = await c.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn: INSTANCE, AccountId: ACCOUNT_1 }),
    );
    expect(toAccount.PermissionSets).toEqual([PS_ADMIN, PS_READ]);
    const accounts = await c.sso.send(
      new ListAccountsForProvisionedPermissionSetCommand({
        InstanceArn: INSTANCE,
        PermissionSetArn: PS_READ,
      }),
    );
    expect(accounts.AccountIds).toEqual([MGMT, ACCOUNT_1]);

    const pair = await c.sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: INSTANCE,
        AccountId: ACCOUNT_1,
        PermissionSetArn: PS_ADMIN,
      }),
    );
    expect(pair.AccountAssignments).toEqual([
      {
        AccountId: ACCOUNT_1,
        PermissionSetArn: PS_ADMIN,
        PrincipalType: "GROUP",
        PrincipalId: identityId(2, 1),
      },
      {
        AccountId: ACCOUNT_1,
        PermissionSetArn: PS_ADMIN,
        PrincipalType: "USER",
        PrincipalId: identityId(1, 3),
      },
    ]);
    const empty = await c.sso.send(
      new ListAccountAssignmentsCommand({
        InstanceArn: INSTANCE,
        AccountId: MGMT,
        PermissionSetArn: PS_ADMIN,
      }),
    );
    expect(empty.AccountAssignments).toEqual([]);

    const alice = { InstanceArn: INSTANCE, PrincipalId: identityId(1, 1), PrincipalType: "USER" as const };
    const all = await c.sso.send(new ListAccountAssignmentsForPrincipalCommand(alice));
    expect(all.AccountAssignments?.map((a) => a.AccountId)).toEqual([ACCOUNT_1, MGMT]);
    const filtered = await c.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({ ...alice, Filter: { AccountId: MGMT } }),
    );
    expect(filtered.AccountAssignments).toEqual([
      { AccountId: MGMT, PermissionSetArn: PS_READ, PrincipalId: identityId(1, 1), PrincipalType: "USER" },
    ]);
    // Direct assignments only: bob is assigned only through the Admins group.
    const bob = await c.sso.send(
      new ListAccountAssignmentsForPrincipalCommand({ ...alice, PrincipalId: identityId(1, 2) }),
    );
    expect(bob.AccountAssignments).toEqual([]);
  });

  it("has no permission sets or assignments in an ACCOUNT instance", async () => {
    const sets = await c.sso.send(new ListPermissionSetsCommand({ InstanceArn: OTHER_INSTANCE }));
    expect(sets.PermissionSets).toEqual([]);
    const provisioned = await c.sso.send(
      new ListPermissionSetsProvisionedToAccountCommand({
        InstanceArn: OTHER_INSTANCE,
        AccountId: ACCOUNT_1,
      }),
    );
    expect(provisioned.PermissionSets).toEqual([]);
    const describe = await rejection(
      c.sso.send(
        new DescribePermissionSetCommand({ InstanceArn: OTHER_INSTANCE, PermissionSetArn: PS_ADMIN }),
      ),
    );
    expect(describe.name).toBe("ResourceNotFoundException");
  });

  it("refuses unknown permission sets and instances, and bad input, AWS-style", async () => {
    const unknownPs = PS_ADMIN.replace("ps-aaaaaaaaaaaaaaaa", "ps-cccccccccccccccc");
    const notFound = await rejection(
      c.sso.send(new DescribePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: unknownPs })),
    );
    expect(notFound.name).toBe("ResourceNotFoundException");
    expect(statusOf(notFound)).toBe(404);
    const unknownInstance = "arn:aws:sso:::instance/ssoins-0000000000000000";
    const noInstance = await rejection(
      c.sso.send(new ListPermissionSetsCommand({ InstanceArn: unknownInstance })),
    );
    expect(noInstance.name).toBe("ResourceNotFoundException");
    const badAccount = await rejection(
      c.sso.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: INSTANCE,
          AccountId: "12",
          PermissionSetArn: PS_ADMIN,
        }),
      ),
    );
    expect(badAccount.name).toBe("ValidationException");
    expect(statusOf(badAccount)).toBe(400);
    const badMax = await rejection(c.sso.send(new ListInstancesCommand({ MaxResults: 101 })));
    expect(badMax.name).toBe("ValidationException");
    expect(badMax.message).toContain("maxResults");
  });
});
