// Conformance: the reads behind the API, CLI and web app: user lists (keyset paging, search,
// filters, counts), one user, access by account and permission set, changes, runs.
import { beforeAll, expect, it } from "vitest";
import { ValidationError } from "../../src/domain/errors.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import type { ListUsersOptions, UserSortKey } from "../../src/store/store.js";
import {
  account,
  assign,
  connectionValues,
  group,
  member,
  permissionSet,
  range,
  readResult,
  user,
  userId,
} from "./fixtures.js";
import type { World } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const pad = (n: number) => String(n).padStart(4, "0");

function world(deleted: Set<number>): World {
  return {
    users: range(1, 250)
      .filter((n) => !deleted.has(n))
      .map((n) =>
        user(n, {
          displayName: n % 3 === 0 ? null : `Name ${pad(300 - n)}`,
          status: n % 5 === 0 ? "DISABLED" : "ENABLED",
        }),
      ),
    groups: [group(1, { displayName: "Admins" }), group(2, { displayName: "Developers" })],
    memberships: [member(1, 1), member(1, 2), member(2, 2), ...range(3, 40).map((n) => member(2, n))],
    accounts: [account(1, { name: "Prod" }), account(2, { name: "Dev" })],
    permissionSets: [permissionSet(1, { name: "Admin" }), permissionSet(2, { name: "ReadOnly" })],
    assignments: [assign(1, 1, { group: 1 }), assign(1, 1, { user: 2 }), assign(2, 2, { group: 2 })],
  };
}

describeEachDialect("store: reads", (h) => {
  let store: KyselyStore;
  let orgId: string;
  let connectionId: string;
  let otherId: string;
  const clock = new FakeClock();

  beforeAll(async () => {
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Reads")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues() })).id;
    otherId = (await store.createConnection(orgId, { values: connectionValues(2) })).id;
    let current = world(new Set());
    // Findings off: the change list below counts the diff's rows only (test/store/findings.test.ts).
    const runner = new SyncRunner({
      store,
      now: clock.now,
      read: () => Promise.resolve(readResult(current)),
      findings: false,
    });
    await runner.run(orgId, connectionId);
    clock.advance(3_600_000);
    current = world(new Set(range(241, 250)));
    current.users.push(user(251));
    await runner.run(orgId, connectionId);
    clock.advance(3_600_000);
    current = { users: [user(1), user(900)] };
    await runner.run(orgId, otherId);
  });

  async function all(options: ListUsersOptions, limit: number) {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await store.listUsers(orgId, { ...options, limit, cursor });
      ids.push(...page.items.map((u) => `${u.connectionId === connectionId ? "" : "other:"}${u.userId}`));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 1000);
    return ids;
  }

  it("pages through users in every sort and order with no gap or repeat", async () => {
    for (const sort of ["userName", "displayName", "status", "firstSeenAt"] as UserSortKey[]) {
      for (const order of ["asc", "desc"] as const) {
        const whole = await all({ connectionId, sort, order }, 1000);
        expect(whole, `${sort} ${order}`).toHaveLength(251);
        expect(await all({ connectionId, sort, order }, 37), `${sort} ${order}`).toEqual(whole);
      }
    }
    const byName = await all({ connectionId }, 50);
    expect(byName.slice(0, 3)).toEqual([userId(1), userId(2), userId(3)]);
    const newestFirst = await all({ connectionId, sort: "firstSeenAt", order: "desc" }, 1000);
    expect(newestFirst[0]).toBe(userId(251));
  });

  it("counts users per status and filters by status and search", async () => {
    const page = await store.listUsers(orgId, { connectionId, limit: 10 });
    expect(page.counts).toEqual({
      total: 251,
      byStatus: { ENABLED: 193, DISABLED: 48, DELETED: 10 },
      // A deleted user holds no license (issue 17 defect 3).
      byLicenseType: { "AWS Identity Center": 241 },
    });
    const deleted = await store.listUsers(orgId, { connectionId, status: "DELETED", limit: 100 });
    expect(deleted.items.map((u) => u.userId)).toEqual(range(241, 250).map(userId));
    expect(deleted.items[0]).toMatchObject({
      status: "DELETED",
      deletedAt: expect.any(String) as unknown,
      licenseTypes: [],
    });
    expect(deleted.counts.total).toBe(251);
    // Filtering by license leaves deleted users out of the rows and the counts alike.
    const licensed = await store.listUsers(orgId, {
      connectionId,
      licenseType: "AWS Identity Center",
      limit: 1000,
    });
    expect(licensed.items).toHaveLength(241);
    expect(licensed.items.every((u) => u.status !== "DELETED")).toBe(true);
    expect(licensed.counts).toEqual({
      total: 241,
      byStatus: { ENABLED: 193, DISABLED: 48, DELETED: 0 },
      byLicenseType: { "AWS Identity Center": 241 },
    });

    const found = await store.listUsers(orgId, { connectionId, search: "USER001", limit: 100 });
    expect(found.items.map((u) => u.userId)).toEqual(range(10, 19).map(userId));
    expect(found.counts).toMatchObject({ total: 10, byStatus: { ENABLED: 8, DISABLED: 2, DELETED: 0 } });
    const byDisplay = await store.listUsers(orgId, { connectionId, search: "name 0299" });
    expect(byDisplay.items.map((u) => u.userId)).toEqual([userId(1)]);
    expect((await store.listUsers(orgId, { connectionId, search: "user_" })).items).toEqual([]);
    expect((await store.listUsers(orgId, { connectionId, search: "%" })).items).toEqual([]);
    const disabledFound = await store.listUsers(orgId, {
      connectionId,
      search: "user001",
      status: "DISABLED",
    });
    expect(disabledFound.items.map((u) => u.userId)).toEqual([userId(10), userId(15)]);
    expect((await store.listUsers(orgId, { connectionId, licenseType: "Slack" })).items).toEqual([]);
    const uncounted = await store.listUsers(orgId, { connectionId, limit: 1, withCounts: false });
    expect(uncounted.items).toHaveLength(1);
    expect(uncounted.counts.total).toBe(0);
  });

  it("lists the users of all the organization's connections", async () => {
    const everyone = await all({}, 60);
    expect(everyone).toHaveLength(253);
    expect(everyone.filter((id) => id.startsWith("other:"))).toEqual([
      `other:${userId(1)}`,
      `other:${userId(900)}`,
    ]);
    expect((await store.listUsers(orgId, { limit: 1 })).counts.total).toBe(253);
  });

  it("refuses a cursor of another list or sort", async () => {
    const page = await store.listUsers(orgId, { connectionId, sort: "userName", limit: 5 });
    await expect(
      store.listUsers(orgId, { connectionId, sort: "displayName", cursor: page.nextCursor }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(store.listUsers(orgId, { connectionId, cursor: "garbage" })).rejects.toMatchObject({
      field: "cursor",
    });
    await expect(store.listUsers(orgId, { connectionId, limit: 0 })).rejects.toMatchObject({
      field: "limit",
    });
  });

  it("shows one user with groups and access paths", async () => {
    const detail = await store.getUser(orgId, connectionId, userId(2));
    expect(detail.user).toMatchObject({ userId: userId(2), connectionId, status: "ENABLED" });
    expect(detail.groups.map((g) => g.displayName)).toEqual(["Admins", "Developers"]);
    expect(detail.access).toEqual([
      {
        accountId: account(1).accountId,
        accountName: "Prod",
        permissionSetArn: permissionSet(1).arn,
        permissionSetName: "Admin",
        via: [{ type: "DIRECT" }, { type: "GROUP", groupId: group(1).groupId, groupName: "Admins" }],
        lastUsedAt: null,
      },
      {
        accountId: account(2).accountId,
        accountName: "Dev",
        permissionSetArn: permissionSet(2).arn,
        permissionSetName: "ReadOnly",
        via: [{ type: "GROUP", groupId: group(2).groupId, groupName: "Developers" }],
        lastUsedAt: null,
      },
    ]);
    const gone = await store.getUser(orgId, connectionId, userId(250));
    expect(gone).toMatchObject({ user: { status: "DELETED" }, groups: [], access: [] });
    await expect(store.getUser(orgId, connectionId, "nobody")).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists access by account, permission set and user, paged and filtered", async () => {
    const rows = [];
    let cursor: string | null = null;
    do {
      const page = await store.listAccess(orgId, connectionId, { limit: 7, cursor });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(rows).toHaveLength(2 + 39);
    expect(rows.slice(0, 2).map((r) => [r.accountName, r.permissionSetName, r.userId])).toEqual([
      ["Prod", "Admin", userId(1)],
      ["Prod", "Admin", userId(2)],
    ]);
    expect(rows[2]).toMatchObject({ accountName: "Dev", userName: user(2).userName, status: "ENABLED" });
    const dev = await store.listAccess(orgId, connectionId, {
      accountId: account(2).accountId,
      userId: userId(3),
    });
    expect(dev.items).toHaveLength(1);
    expect(dev.items[0]?.via).toEqual([
      { type: "GROUP", groupId: group(2).groupId, groupName: "Developers" },
    ]);
    expect(await store.summarizeAccess(orgId, connectionId)).toEqual([
      {
        accountId: account(1).accountId,
        accountName: "Prod",
        permissionSetArn: permissionSet(1).arn,
        permissionSetName: "Admin",
        users: 2,
      },
      {
        accountId: account(2).accountId,
        accountName: "Dev",
        permissionSetArn: permissionSet(2).arn,
        permissionSetName: "ReadOnly",
        users: 39,
      },
    ]);
  });

  it("lists changes newest first, filtered and paged", async () => {
    const everything = await store.listChanges(orgId, { connectionId, limit: 1000 });
    expect(everything.items.map((c) => c.kind).sort()).toEqual(
      [...Array<string>(10).fill("user.deleted"), "user.added"].sort(),
    );
    const ids = everything.items.map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listChanges(orgId, { connectionId, limit: 3, cursor, order: "asc" });
      paged.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual([...everything.items.map((c) => c.id)].reverse());
    expect((await store.listChanges(orgId, { kinds: ["user.added"] })).items.map((c) => c.userId)).toEqual([
      userId(251),
    ]);
    expect((await store.listChanges(orgId, { userId: userId(245) })).items.map((c) => c.kind)).toEqual([
      "user.deleted",
    ]);
    const at = everything.items[0]!.at;
    expect((await store.listChanges(orgId, { since: at })).items).toHaveLength(11);
    expect((await store.listChanges(orgId, { until: at })).items).toHaveLength(0);
    expect(
      (await store.listChanges(orgId, { since: new Date(Date.parse(at) + 1).toISOString() })).items,
    ).toHaveLength(0);
    await expect(store.listChanges(orgId, { since: "yesterday" })).rejects.toMatchObject({ field: "since" });
  });

  it("lists sync runs newest first", async () => {
    const first = await store.listSyncRuns(orgId, connectionId, { limit: 1 });
    expect(first.items[0]?.counts?.usersDeleted).toBe(10);
    const second = await store.listSyncRuns(orgId, connectionId, { limit: 1, cursor: first.nextCursor });
    expect(second.items[0]?.counts?.changes).toBe(0);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]!.startedAt > second.items[0]!.startedAt).toBe(true);
  });
});
