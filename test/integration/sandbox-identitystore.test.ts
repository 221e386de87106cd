// Identity Store operations through the real SDK against the sandbox.
import {
  DescribeGroupCommand,
  DescribeUserCommand,
  GetGroupIdCommand,
  GetUserIdCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
  paginateListGroupMemberships,
  paginateListUsers,
} from "@aws-sdk/client-identitystore";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import {
  assumeRole,
  clients,
  identityId,
  OTHER_STORE,
  rejection,
  statusOf,
  STORE,
  testWorld,
  type Clients,
} from "./sandbox-test-world.js";

let sandbox: Sandbox;
let c: Clients;

beforeAll(async () => {
  sandbox = await startSandbox({ world: testWorld({ users: 250 }) });
  c = clients(sandbox, await assumeRole(sandbox));
});
afterAll(async () => {
  await sandbox.close();
});

describe("sandbox identitystore", () => {
  it("pages ListUsers at 100: 250 users in 3 pages, in world order, with AWS's user shape", async () => {
    const pages: number[] = [];
    const ids: string[] = [];
    for await (const page of paginateListUsers(
      { client: c.identitystore, pageSize: 100 },
      { IdentityStoreId: STORE },
    )) {
      pages.push(page.Users?.length ?? 0);
      for (const u of page.Users ?? []) ids.push(u.UserId ?? "");
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(ids).toEqual(sandbox.world.users.map((u) => u.UserId));
    expect(sandbox.counters.count("identitystore:ListUsers", "ok")).toBe(3);

    const first = await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 3 }));
    const [alice, bob, carol] = first.Users ?? [];
    expect(alice).toMatchObject({
      IdentityStoreId: STORE,
      UserId: identityId(1, 1),
      UserName: "alice@example.com",
      DisplayName: `Ålice "Quote" O'Brien`,
      UserStatus: "ENABLED",
      Emails: [{ Value: "alice@example.com", Primary: true, Type: "work" }],
      ExternalIds: [{ Issuer: "scim", Id: "ext-1" }],
    });
    expect(alice?.CreatedAt).toEqual(new Date("2024-03-01T12:00:00.000Z"));
    expect(bob?.UserStatus).toBe("DISABLED");
    expect(carol?.UserStatus).toBeUndefined();
    expect(first.NextToken).toBeTruthy();
  });

  it("filters ListUsers by UserName and ListGroups by DisplayName (deprecated Filters)", async () => {
    const users = await c.identitystore.send(
      new ListUsersCommand({
        IdentityStoreId: STORE,
        Filters: [{ AttributePath: "UserName", AttributeValue: "bob@example.com" }],
      }),
    );
    expect(users.Users?.map((u) => u.UserId)).toEqual([identityId(1, 2)]);
    const groups = await c.identitystore.send(
      new ListGroupsCommand({
        IdentityStoreId: STORE,
        Filters: [{ AttributePath: "DisplayName", AttributeValue: "Readers" }],
      }),
    );
    expect(groups.Groups?.map((g) => g.GroupId)).toEqual([identityId(2, 2)]);
  });

  it("describes users and groups; unknown ones are ResourceNotFoundException 404 with ResourceType", async () => {
    const bob = await c.identitystore.send(
      new DescribeUserCommand({ IdentityStoreId: STORE, UserId: identityId(1, 2) }),
    );
    expect(bob).toMatchObject({
      UserName: "bob@example.com",
      UserStatus: "DISABLED",
      IdentityStoreId: STORE,
    });
    const group = await c.identitystore.send(
      new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: identityId(2, 1) }),
    );
    expect(group).toMatchObject({ DisplayName: "Admins", Description: "admins" });

    const missing = identityId(1, 9999);
    const err = await rejection(
      c.identitystore.send(new DescribeUserCommand({ IdentityStoreId: STORE, UserId: missing })),
    );
    expect(err.name).toBe("ResourceNotFoundException");
    expect(statusOf(err)).toBe(404);
    expect(err).toMatchObject({ ResourceType: "USER", ResourceId: missing });
    const gErr = await rejection(
      c.identitystore.send(new DescribeGroupCommand({ IdentityStoreId: STORE, GroupId: identityId(2, 99) })),
    );
    expect(gErr).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "GROUP" });
  });

  it("lists groups and memberships both ways", async () => {
    const groups = await c.identitystore.send(new ListGroupsCommand({ IdentityStoreId: STORE }));
    expect(groups.Groups?.map((g) => g.DisplayName)).toEqual(["Admins", "Readers"]);
    expect(groups.NextToken).toBeUndefined();

    const pages: string[][] = [];
    for await (const page of paginateListGroupMemberships(
      { client: c.identitystore, pageSize: 1 },
      { IdentityStoreId: STORE, GroupId: identityId(2, 1) },
    )) {
      pages.push((page.GroupMemberships ?? []).map((m) => m.MemberId?.UserId ?? ""));
    }
    expect(pages).toEqual([[identityId(1, 1)], [identityId(1, 2)]]);

    const forAlice = await c.identitystore.send(
      new ListGroupMembershipsForMemberCommand({
        IdentityStoreId: STORE,
        MemberId: { UserId: identityId(1, 1) },
      }),
    );
    expect(forAlice.GroupMemberships).toEqual([
      {
        IdentityStoreId: STORE,
        MembershipId: identityId(3, 1),
        GroupId: identityId(2, 1),
        MemberId: { UserId: identityId(1, 1) },
      },
      {
        IdentityStoreId: STORE,
        MembershipId: identityId(3, 3),
        GroupId: identityId(2, 2),
        MemberId: { UserId: identityId(1, 1) },
      },
    ]);
    const unknownGroup = await rejection(
      c.identitystore.send(
        new ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: identityId(2, 77) }),
      ),
    );
    expect(unknownGroup).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "GROUP" });
  });

  it("resolves GetUserId and GetGroupId", async () => {
    const byName = await c.identitystore.send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: {
          UniqueAttribute: { AttributePath: "userName", AttributeValue: "carol@example.com" },
        },
      }),
    );
    expect(byName.UserId).toBe(identityId(1, 3));
    const byExternal = await c.identitystore.send(
      new GetUserIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: { ExternalId: { Issuer: "scim", Id: "ext-2" } },
      }),
    );
    expect(byExternal.UserId).toBe(identityId(1, 2));
    const group = await c.identitystore.send(
      new GetGroupIdCommand({
        IdentityStoreId: STORE,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: "displayName", AttributeValue: "Readers" } },
      }),
    );
    expect(group.GroupId).toBe(identityId(2, 2));
  });

  it("serves another instance's store as empty and refuses unknown or malformed store ids", async () => {
    const other = await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: OTHER_STORE }));
    expect(other.Users).toEqual([]);
    const unknown = await rejection(
      c.identitystore.send(new ListUsersCommand({ IdentityStoreId: "d-0000000000" })),
    );
    expect(unknown).toMatchObject({ name: "ResourceNotFoundException", ResourceType: "IDENTITY_STORE" });
    expect(statusOf(unknown)).toBe(404);
    const malformed = await rejection(
      c.identitystore.send(new ListUsersCommand({ IdentityStoreId: "not-a-store" })),
    );
    expect(malformed.name).toBe("ValidationException");
    expect(statusOf(malformed)).toBe(400);
    expect(malformed.message).toContain("identityStoreId");
  });

  it("serves mutations applied through the admin route on the next request", async () => {
    const res = await fetch(`${sandbox.url}/_sandbox/mutate`, {
      method: "POST",
      body: JSON.stringify([{ op: "setUserStatus", userId: identityId(1, 1), status: "DISABLED" }]),
    });
    expect(res.status).toBe(200);
    const alice = await c.identitystore.send(
      new DescribeUserCommand({ IdentityStoreId: STORE, UserId: identityId(1, 1) }),
    );
    expect(alice.UserStatus).toBe("DISABLED");
    const page = await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE, MaxResults: 1 }));
    expect(page.Users?.[0]?.UserStatus).toBe("DISABLED");
  });
});
