// Conformance: the runner's commit through each store: baseline, exact change sets, deletion and
// restore, drift protection, failures that must leave the stored state untouched, export stability.
import { sql } from "kysely";
import { beforeEach, expect, it } from "vitest";
import type { Change } from "../../src/domain/change.js";
import { AccessDeniedError } from "../../src/domain/errors.js";
import { connectionExportSchema } from "../../src/domain/export-format.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { BULK_MIN_ROWS } from "../../src/store/bulk-load.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import {
  account,
  assign,
  group,
  member,
  permissionSet,
  range,
  readResult,
  user,
  connectionValues,
} from "./fixtures.js";
import type { World } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

/** "kind u3 g1 a2 p1": a change by its kind and the short names of the ids it concerns. */
function brief(c: Change): string {
  const short = (id: string | null, prefix: string) =>
    id === null ? [] : [`${prefix}${Number(id.slice(-4))}`];
  return [
    c.kind,
    ...short(c.userId, "u"),
    ...short(c.groupId, "g"),
    ...short(c.accountId, "a"),
    ...short(c.permissionSetArn, "p"),
  ].join(" ");
}

function baseWorld(): World {
  return {
    users: range(1, 10).map((n) => user(n)),
    groups: [group(1), group(2)],
    memberships: [member(1, 1), member(1, 2), member(2, 3)],
    accounts: [account(1), account(2)],
    permissionSets: [permissionSet(1), permissionSet(2)],
    assignments: [assign(1, 1, { group: 1 }), assign(2, 2, { user: 3 })],
  };
}

describeEachDialect("store: sync commit and history", (h) => {
  let store: KyselyStore;
  let clock: FakeClock;
  let world: World;
  let orgId: string;
  let connectionId: string;
  let runner: SyncRunner;
  let failRead: Error | null;

  beforeEach(async () => {
    clock = new FakeClock();
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Sync")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues() })).id;
    world = baseWorld();
    failRead = null;
    runner = new SyncRunner({
      store,
      now: clock.now,
      read: () => (failRead === null ? Promise.resolve(readResult(world)) : Promise.reject(failRead)),
    });
  });

  async function sync(options: { force?: boolean } = {}) {
    clock.advance(60_000);
    return runner.run(orgId, connectionId, options);
  }

  async function changesOf(runId: string): Promise<string[]> {
    const page = await store.listChanges(orgId, {
      connectionId,
      syncRunId: runId,
      order: "asc",
      limit: 1000,
    });
    // The diff's changes: findings' own (finding.*) are test/store/findings.test.ts's.
    return page.items.filter((c) => !c.kind.startsWith("finding.")).map(brief);
  }

  it("records the first sync as a baseline: one run, zero changes", async () => {
    const run = await sync();
    expect(run.state).toBe("succeeded");
    expect(run.counts).toMatchObject({
      users: 10,
      groups: 2,
      memberships: 3,
      accounts: 2,
      permissionSets: 2,
      assignments: 2,
      access: 3,
      changes: 0,
    });
    expect(run.callsByAction).toEqual({ "identitystore:ListUsers": 1 });
    expect(await changesOf(run.id)).toEqual([]);
    const conn = await store.getConnection(orgId, connectionId);
    expect(conn).toMatchObject({
      state: "connected",
      lastSyncedAt: run.finishedAt,
      lastRunId: run.id,
      lastRunState: "succeeded",
      lastError: null,
    });
    const exported = await store.exportConnection(orgId, connectionId);
    expect(exported.users.map((u) => u.firstSeenAt)).toEqual(Array(10).fill(run.finishedAt));
    expect(exported.access).toHaveLength(3);
    expect((await store.listSyncRuns(orgId, connectionId)).items).toHaveLength(1);
  });

  it("records exactly the changes between two syncs", async () => {
    await sync();
    world.users = [
      user(1),
      user(2, { status: "DISABLED" }),
      ...range(3, 4).map((n) => user(n)),
      user(5, { displayName: "Five", emails: ["five@example.com"], primaryEmail: "five@example.com" }),
      ...range(6, 9).map((n) => user(n)),
      user(11),
    ];
    world.groups = [group(1), group(3)];
    world.memberships = [member(1, 1), member(1, 4), member(3, 11)];
    world.accounts = [account(1), account(3)];
    world.permissionSets = [permissionSet(1, { sessionDuration: "PT8H" }), permissionSet(3)];
    world.assignments = [assign(1, 1, { group: 1 }), assign(3, 3, { user: 11 })];
    const run = await sync();
    expect(run.state).toBe("succeeded");
    expect(run.counts?.usersDeleted).toBe(1);
    expect(await changesOf(run.id)).toEqual([
      "user.disabled u2",
      "user.updated u5",
      "user.deleted u10",
      "user.added u11",
      "group.deleted g2",
      "group.added g3",
      "membership.removed u2 g1",
      "membership.removed u3 g2",
      "membership.added u4 g1",
      "membership.added u11 g3",
      "account.removed a2",
      "account.added a3",
      "permissionSet.updated p1",
      "permissionSet.deleted p2",
      "permissionSet.added p3",
      "assignment.removed u3 a2 p2",
      "assignment.added u11 a3 p3",
      "access.revoked u2 a1 p1",
      "access.revoked u3 a2 p2",
      "access.granted u4 a1 p1",
      "access.granted u11 a3 p3",
    ]);
    // The run's count includes its finding.* rows (users and permission sets that gained or lost all access).
    const findingRows = (
      await store.listChanges(orgId, { connectionId, syncRunId: run.id, limit: 1000 })
    ).items.filter((c) => c.kind.startsWith("finding.")).length;
    expect(run.counts?.changes).toBe(21 + findingRows);
    const all = (await store.listChanges(orgId, { connectionId, limit: 1000 })).items;
    const updated = all.find((c) => c.kind === "user.updated");
    expect(updated?.detail).toMatchObject({
      before: {
        displayName: "User 5",
        emails: ["user0005@example.com"],
        primaryEmail: "user0005@example.com",
      },
      after: { displayName: "Five", emails: ["five@example.com"], primaryEmail: "five@example.com" },
    });
    expect(all.find((c) => c.kind === "permissionSet.updated")?.detail).toMatchObject({
      before: { sessionDuration: "PT1H" },
      after: { sessionDuration: "PT8H" },
    });
    expect(all.find((c) => c.kind === "access.granted")?.detail).toMatchObject({
      userName: expect.any(String) as unknown,
      accountName: expect.any(String) as unknown,
      via: expect.any(Array) as unknown,
    });
    expect(all.every((c) => c.at === run.finishedAt && c.connectionId === connectionId)).toBe(true);

    const exported = await store.exportConnection(orgId, connectionId);
    const u10 = exported.users.find((u) => u.userId === user(10).userId);
    expect(u10).toMatchObject({ status: "DELETED", deletedAt: run.finishedAt });
    expect(exported.users.find((u) => u.userId === user(2).userId)?.status).toBe("DISABLED");
    expect(exported.permissionSets.find((p) => p.arn === permissionSet(1).arn)?.sessionDuration).toBe("PT8H");

    const again = await sync();
    expect(again.counts?.changes).toBe(0);
  });

  it("keeps a deleted user as DELETED and restores it when it comes back", async () => {
    const first = await sync();
    const gone = world.users.pop()!;
    const deleted = await sync();
    expect(await changesOf(deleted.id)).toEqual(["user.deleted u10"]);
    world.users.push({ ...gone, status: "DISABLED" });
    const back = await sync();
    expect(await changesOf(back.id)).toEqual(["user.restored u10"]);
    const detail = await store.getUser(orgId, connectionId, gone.userId);
    expect(detail.user).toMatchObject({ status: "DISABLED", deletedAt: null, firstSeenAt: first.finishedAt });
  });

  it("holds a run that would delete more than 20% of the users until forced", async () => {
    await sync();
    const before = JSON.stringify(await store.exportConnection(orgId, connectionId));
    world.users = world.users.slice(0, 7);
    const held = await sync();
    expect(held.state).toBe("needs_confirmation");
    expect(held.error?.code).toBe("drift_protection");
    expect(held.error?.message).toContain("3 of 10 users (30%)");
    expect(held.counts?.usersDeleted).toBe(3);
    expect(JSON.stringify(await store.exportConnection(orgId, connectionId))).toBe(before);
    expect(await changesOf(held.id)).toEqual([]);
    expect(await store.getConnection(orgId, connectionId)).toMatchObject({
      state: "connected",
      lastRunState: "needs_confirmation",
    });

    const lenient = await runner.run(orgId, connectionId, { maxDeleteShare: 0.5 });
    expect(lenient.state).toBe("succeeded");
    expect(lenient.forced).toBe(false);
  });

  it("commits a held run when forced", async () => {
    await sync();
    world.users = world.users.slice(0, 5);
    expect((await sync()).state).toBe("needs_confirmation");
    const forced = await sync({ force: true });
    expect(forced).toMatchObject({ state: "succeeded", forced: true });
    expect((await changesOf(forced.id)).filter((c) => c.startsWith("user.deleted"))).toHaveLength(5);
  });

  it("commits nothing but its failed run record when the read fails", async () => {
    await sync();
    const before = JSON.stringify(await store.exportConnection(orgId, connectionId));
    world.users = world.users.slice(0, 9);
    failRead = new AccessDeniedError(
      "identitystore:ListUsers",
      "the role may not call identitystore:ListUsers",
    );
    const run = await sync();
    expect(run).toMatchObject({
      state: "failed",
      error: { code: "access_denied", action: "identitystore:ListUsers" },
    });
    expect(JSON.stringify(await store.exportConnection(orgId, connectionId))).toBe(before);
    expect(await store.getConnection(orgId, connectionId)).toMatchObject({
      state: "error",
      lastError: { code: "access_denied", action: "identitystore:ListUsers" },
      lastRunState: "failed",
    });
    failRead = null;
    const ok = await sync();
    expect(await changesOf(ok.id)).toEqual(["user.deleted u10"]);
    expect((await store.getConnection(orgId, connectionId)).lastError).toBeNull();
  });

  it("leaves the previous state intact when the commit fails half way", async () => {
    await sync();
    const before = JSON.stringify(await store.exportConnection(orgId, connectionId));
    let batches = 0;
    const failing = await h.open({
      now: clock.now,
      hooks: {
        afterCommitBatch: () => {
          if (++batches === 3) throw new Error("disk on fire");
        },
      },
    });
    world.users = [...world.users.slice(0, 9), user(20)];
    world.memberships = [member(1, 20)];
    const failingRunner = new SyncRunner({
      store: failing,
      now: clock.now,
      read: () => Promise.resolve(readResult(world)),
    });
    clock.advance(60_000);
    const run = await failingRunner.run(orgId, connectionId);
    expect(batches).toBe(3);
    expect(run.state).toBe("failed");
    expect(run.error?.message).toContain("disk on fire");
    expect(JSON.stringify(await store.exportConnection(orgId, connectionId))).toBe(before);
    expect(await changesOf(run.id)).toEqual([]);
    const retry = await sync();
    expect(retry.state).toBe("succeeded");
    expect(await changesOf(retry.id)).toContain("user.added u20");
  });

  it("exports the same state byte for byte, in the contract's shape", async () => {
    world.groups = [group(2, { description: 'Zwei "quoted" ✓' }), group(1)];
    world.accounts = [account(2, { tags: { z: "1", a: "2" } }), account(1)];
    world.permissionSets = [
      permissionSet(2, { managedPolicies: ["arn:aws:iam::aws:policy/b", "arn:aws:iam::aws:policy/a"] }),
      permissionSet(1, {
        permissionsBoundary: { type: "MANAGED", managedPolicyArn: "arn:aws:iam::aws:policy/x" },
      }),
    ];
    world.assignments = [assign(1, 1, { group: 1 }), assign(1, 1, { user: 1 })];
    await sync();
    world.users = world.users.slice(1);
    await sync();
    const a = JSON.stringify(await store.exportConnection(orgId, connectionId));
    const b = JSON.stringify(await store.exportConnection(orgId, connectionId));
    expect(a).toBe(b);
    const parsed = connectionExportSchema.parse(JSON.parse(a));
    expect(parsed.formatVersion).toBe(1);
    expect(parsed.connection).toEqual({
      id: connectionId,
      name: expect.any(String) as unknown,
      ...pick(connectionValues()),
    });
    expect(parsed.users.map((u) => u.userId)).toEqual([...parsed.users.map((u) => u.userId)].sort());
    expect(parsed.users[0]).toMatchObject({ status: "DELETED", licenseTypes: [] });
    expect(parsed.memberships.some((m) => m.userId === user(1).userId)).toBe(false);
    expect(parsed.access.some((x) => x.userId === user(1).userId)).toBe(false);
    expect(parsed.access.find((x) => x.userId === user(2).userId)?.via).toEqual([
      { type: "GROUP", groupId: group(1).groupId },
    ]);
    expect(Object.keys(parsed.accounts.find((x) => x.accountId === account(2).accountId)!.tags)).toEqual([
      "a",
      "z",
    ]);
    expect(parsed.permissionSets[1]?.managedPolicies).toEqual([
      "arn:aws:iam::aws:policy/a",
      "arn:aws:iam::aws:policy/b",
    ]);
    expect(Object.keys(JSON.parse(a) as object)).toEqual([
      "formatVersion",
      "connection",
      "syncedAt",
      "users",
      "groups",
      "memberships",
      "accounts",
      "permissionSets",
      "assignments",
      "access",
      "findings",
    ]);
  });

  it("commits thousands of rows in batches under the parameter limits", async () => {
    world = {
      users: range(1, 2500).map((n) => user(n)),
      groups: [group(1), group(2)],
      memberships: range(1, 2500).map((n) => member(n % 2 === 0 ? 1 : 2, n)),
      accounts: [account(1), account(2)],
      permissionSets: [permissionSet(1), permissionSet(2)],
      assignments: [
        assign(1, 1, { group: 1 }),
        assign(1, 2, { group: 2 }),
        assign(2, 1, { group: 1 }),
        assign(2, 2, { group: 2 }),
      ],
    };
    const first = await sync();
    expect(first.counts).toMatchObject({ users: 2500, access: 5000 });
    world.assignments = world.assignments!.slice(0, 2);
    const second = await sync();
    expect(second.counts?.changes).toBe(2 + 2500);
    const exported = await store.exportConnection(orgId, connectionId);
    expect(exported.access).toHaveLength(2500);
  });

  it("keeps every index through a bulk first sync, and through one that fails half way", async () => {
    // Over BULK_MIN_ROWS rows per table: SQLite rebuilds the secondary indexes after inserting.
    const indexes = async (): Promise<string[]> => {
      const rows =
        h.dialect === "sqlite"
          ? await sql<{ d: string }>`select name || ': ' || sql as d from sqlite_master
              where type = 'index' and sql is not null order by name`.execute(store.db)
          : await sql<{ d: string }>`select indexname || ': ' || indexdef as d from pg_indexes
              where schemaname = current_schema() order by indexname`.execute(store.db);
      return rows.rows.map((r) => r.d);
    };
    const before = await indexes();
    expect(before.join("\n")).toContain("access_grants_by_account");
    const n = BULK_MIN_ROWS + 500;
    world = {
      users: range(1, n).map((u) => user(u)),
      groups: [group(1), group(2)],
      memberships: range(1, n).map((u) => member(u % 2 === 0 ? 1 : 2, u)),
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { group: 1 }), assign(1, 1, { group: 2 })],
    };
    let batches = 0;
    const failing = await h.open({
      now: clock.now,
      hooks: {
        afterCommitBatch: (table) => {
          if (table === "access_grants" && ++batches === 3) throw new Error("disk on fire");
        },
      },
    });
    const failingRunner = new SyncRunner({
      store: failing,
      now: clock.now,
      read: () => Promise.resolve(readResult(world)),
    });
    const failed = await failingRunner.run(orgId, connectionId);
    expect(failed.state).toBe("failed");
    expect(await indexes()).toEqual(before);
    expect((await store.exportConnection(orgId, connectionId)).users).toEqual([]);

    const first = await sync();
    expect(first.counts).toMatchObject({ users: n, memberships: n, access: n });
    expect(await indexes()).toEqual(before);
    const page = await store.listAccess(orgId, connectionId, { accountId: account(1).accountId, limit: 5 });
    expect(page.items).toHaveLength(5);
    // The stored users are loaded a page at a time: none skipped or repeated, so nothing changed.
    clock.advance(60_000);
    const again = await sync();
    expect(again.state).toBe("succeeded");
    expect(again.counts?.changes).toBe(0);
  });
});

function pick(v: ReturnType<typeof connectionValues>) {
  return { region: v.region, identityStoreId: v.identityStoreId, instanceArn: v.instanceArn };
}
