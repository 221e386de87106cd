// Conformance: the directory queries behind the explore pages: groups (counts, members, assignments),
// permission sets (policies, accounts, holders) and accounts (tags, reach); search that ignores
// case and accents, locale-aware sort, keyset paging with totals, and organization scoping.
import { beforeAll, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../src/domain/errors.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import {
  account,
  accountId,
  assign,
  connectionValues,
  group,
  groupId,
  member,
  permissionSet,
  psArn,
  range,
  readResult,
  user,
  userId,
} from "./fixtures.js";
import type { World } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const INLINE =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

const world: World = {
  users: [
    ...range(1, 30).map((n) => user(n)),
    user(31, { userName: "noemie@example.com", displayName: "Noémie Zoë" }),
  ],
  groups: [
    group(1, { displayName: "Zoë's team", description: "Platform" }),
    group(2, { displayName: "admins" }),
    group(3, { displayName: "Billing" }),
    ...range(4, 12).map((n) => group(n, { displayName: `Team ${n}` })),
  ],
  memberships: [
    ...range(1, 20).map((n) => member(1, n)),
    member(1, 31),
    member(2, 1),
    member(2, 2),
    member(3, 31),
  ],
  accounts: [
    account(1, { name: "Prod", tags: { env: "prod", team: "core" } }),
    account(2, { name: "dev" }),
    account(3, { name: "Sandbox" }),
  ],
  permissionSets: [
    permissionSet(1, {
      name: "AdministratorAccess",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      customerManagedPolicies: [{ name: "Extra", path: "/team/" }],
      inlinePolicy: INLINE,
      permissionsBoundary: { type: "MANAGED", managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
      tags: { owner: "sec" },
    }),
    permissionSet(2, { name: "ReadOnly" }),
    permissionSet(3, { name: "Billing" }),
  ],
  assignments: [
    assign(1, 1, { group: 2 }),
    assign(2, 1, { group: 2 }),
    assign(1, 1, { user: 31 }),
    assign(1, 2, { group: 1 }),
    assign(2, 2, { group: 1 }),
    assign(3, 3, { group: 3 }),
  ],
};

describeEachDialect("store: directory queries", (h) => {
  let store: KyselyStore;
  let orgId: string;
  let otherOrgId: string;
  let connectionId: string;

  beforeAll(async () => {
    const clock = new FakeClock();
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Directory")).id;
    otherOrgId = (await store.createOrganization("Other")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues() })).id;
    const runner = new SyncRunner({ store, now: clock.now, read: () => Promise.resolve(readResult(world)) });
    await runner.run(orgId, connectionId);
  });

  it("lists groups with member and assignment counts, sorted by name ignoring case and accents", async () => {
    const page = await store.listGroups(orgId, connectionId, { limit: 3 });
    expect(page.total).toBe(12);
    expect(page.items.map((g) => g.displayName)).toEqual(["admins", "Billing", "Team 4"]);
    expect(page.items[0]).toEqual({
      groupId: groupId(2),
      displayName: "admins",
      description: null,
      members: 2,
      assignments: 2,
    });
    const byMembers = await store.listGroups(orgId, connectionId, {
      sort: "members",
      order: "desc",
      limit: 2,
    });
    expect(byMembers.items.map((g) => [g.displayName, g.members])).toEqual([
      ["Zoë's team", 21],
      ["admins", 2],
    ]);
    const found = await store.listGroups(orgId, connectionId, { search: "ZOE" });
    expect(found.items.map((g) => g.groupId)).toEqual([groupId(1)]);
    expect(found.total).toBe(1);
    expect((await store.listGroups(orgId, connectionId, { search: "platform" })).total).toBe(1);
  });

  it("pages every list with no gap or repeat, in both orders and every sort", async () => {
    const walk = async (
      list: (
        cursor: string | null,
      ) => Promise<{ items: unknown[]; nextCursor: string | null; total: number }>,
    ) => {
      const out: unknown[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 100; i++) {
        const page = await list(cursor);
        out.push(...page.items);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }
      return out;
    };
    for (const order of ["asc", "desc"] as const) {
      for (const sort of ["name", "members", "assignments"] as const) {
        const whole = (await store.listGroups(orgId, connectionId, { sort, order })).items;
        const paged = await walk((cursor) =>
          store.listGroups(orgId, connectionId, { sort, order, limit: 5, cursor }),
        );
        expect(paged, `${sort} ${order}`).toEqual(whole);
        expect(whole).toHaveLength(12);
      }
      for (const sort of ["name", "id", "permissionSets", "users"] as const) {
        const whole = (await store.listAccounts(orgId, connectionId, { sort, order })).items;
        const paged = await walk((cursor) =>
          store.listAccounts(orgId, connectionId, { sort, order, limit: 2, cursor }),
        );
        expect(paged, `${sort} ${order}`).toEqual(whole);
      }
    }
    const members = await walk((cursor) =>
      store.listGroupMembers(orgId, connectionId, groupId(1), { limit: 6, cursor }),
    );
    expect(members).toHaveLength(21);
    await expect(
      store.listGroups(orgId, connectionId, {
        sort: "members",
        cursor: (await store.listGroups(orgId, connectionId, { limit: 1 })).nextCursor,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("gives a group's members with a total and its assignments with names", async () => {
    const members = await store.listGroupMembers(orgId, connectionId, groupId(1), { limit: 5 });
    expect(members.total).toBe(21);
    expect(members.items[0]).toEqual({
      userId: userId(31),
      userName: "noemie@example.com",
      displayName: "Noémie Zoë",
      primaryEmail: "user0031@example.com",
      status: "ENABLED",
    });
    const searched = await store.listGroupMembers(orgId, connectionId, groupId(1), { search: "USER000" });
    expect(searched.items.map((m) => m.userId)).toEqual(range(1, 9).map(userId));
    expect(searched.total).toBe(9);
    const detail = await store.getGroup(orgId, connectionId, groupId(1));
    expect(detail.group).toMatchObject({ displayName: "Zoë's team", members: 21, assignments: 2 });
    // In reading order: by account name ("dev" before "Prod": case does not count).
    expect(detail.assignments).toEqual([
      expect.objectContaining({ accountId: accountId(2), permissionSetName: "ReadOnly" }),
      {
        accountId: accountId(1),
        accountName: "Prod",
        permissionSetArn: psArn(2),
        permissionSetName: "ReadOnly",
        principalType: "GROUP",
        principalId: groupId(1),
        principalName: "Zoë's team",
      },
    ]);
  });

  it("lists permission sets with accounts and holders, and gives one with its policies and assignments", async () => {
    const page = await store.listPermissionSets(orgId, connectionId, { sort: "users", order: "desc" });
    expect(page.total).toBe(3);
    expect(page.items.map((p) => [p.name, p.accounts, p.users, p.grants])).toEqual([
      ["ReadOnly", 2, 21, 42],
      ["AdministratorAccess", 2, 3, 5],
      ["Billing", 1, 1, 1],
    ]);
    const admin = await store.getPermissionSet(orgId, connectionId, psArn(1));
    expect(admin.permissionSet).toMatchObject({
      name: "AdministratorAccess",
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      customerManagedPolicies: [{ name: "Extra", path: "/team/" }],
      inlinePolicy: INLINE,
      permissionsBoundary: { type: "MANAGED", managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
      tags: { owner: "sec" },
    });
    expect(admin.counts).toEqual({ accounts: 2, users: 3, grants: 5 });
    expect(admin.accounts).toEqual([
      { accountId: accountId(2), accountName: "dev", users: 2 },
      { accountId: accountId(1), accountName: "Prod", users: 3 },
    ]);
    expect(admin.assignments.map((a) => [a.accountName, a.principalType, a.principalName])).toEqual([
      ["dev", "GROUP", "admins"],
      ["Prod", "GROUP", "admins"],
      ["Prod", "USER", "noemie@example.com"],
    ]);
    expect((await store.listPermissionSets(orgId, connectionId, { search: "administrator" })).total).toBe(1);
  });

  it("lists accounts with tags and reach, and gives one with its permission sets and assignments", async () => {
    const page = await store.listAccounts(orgId, connectionId, {});
    expect(page.items.map((a) => a.name)).toEqual(["dev", "Prod", "Sandbox"]);
    expect(page.items[1]).toEqual({
      accountId: accountId(1),
      name: "Prod",
      email: "aws1@example.com",
      status: "ACTIVE",
      tags: { env: "prod", team: "core" },
      permissionSets: 2,
      users: 21,
      grants: 24,
    });
    expect((await store.listAccounts(orgId, connectionId, { search: "env=prod" })).total).toBe(1);
    const prod = await store.getAccount(orgId, connectionId, accountId(1));
    expect(prod.counts).toEqual({ permissionSets: 2, users: 21, grants: 24 });
    expect(prod.permissionSets).toEqual([
      { arn: psArn(1), name: "AdministratorAccess", users: 3 },
      { arn: psArn(2), name: "ReadOnly", users: 21 },
    ]);
    expect(prod.assignments).toHaveLength(3);
    const sandbox = await store.getAccount(orgId, connectionId, accountId(3));
    expect(sandbox.counts).toEqual({ permissionSets: 1, users: 1, grants: 1 });
  });

  it("finds nothing outside the organization or the connection", async () => {
    const reads = [
      () => store.listGroups(otherOrgId, connectionId),
      () => store.getGroup(otherOrgId, connectionId, groupId(1)),
      () => store.listGroupMembers(otherOrgId, connectionId, groupId(1)),
      () => store.listPermissionSets(otherOrgId, connectionId),
      () => store.getPermissionSet(otherOrgId, connectionId, psArn(1)),
      () => store.listAccounts(otherOrgId, connectionId),
      () => store.getAccount(otherOrgId, connectionId, accountId(1)),
      () => store.getGroup(orgId, connectionId, groupId(99)),
      () => store.listGroupMembers(orgId, connectionId, groupId(99)),
      () => store.getPermissionSet(orgId, connectionId, psArn(99)),
      () => store.getAccount(orgId, connectionId, accountId(99)),
    ];
    for (const read of reads) await expect(read()).rejects.toBeInstanceOf(NotFoundError);
  });
});
