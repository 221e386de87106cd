// Conformance: findings through each store: the first evaluation is a baseline (no history),
// later syncs open and resolve with finding.* rows, accept holds until the facts change, lists
// filter, count and page in a stable order, the export carries them, deleting the connection
// deletes them.
import { beforeEach, expect, it } from "vitest";
import { connectionExportSchema } from "../../src/domain/export-format.js";
import { isFindingChange } from "../../src/domain/findings/lifecycle.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import {
  account,
  accountId,
  assign,
  connectionValues,
  group,
  member,
  permissionSet,
  psArn,
  range,
  readResult,
  user,
  userId,
  type World,
} from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const ADMIN = ["arn:aws:iam::aws:policy/AdministratorAccess"];

function world(): World {
  return {
    users: [...range(1, 30).map((n) => user(n)), user(31, { status: "DISABLED" })],
    groups: [group(1), group(2)],
    memberships: [...range(1, 25).map((n) => member(1, n)), member(1, 31)],
    accounts: [account(1), account(2, { status: "SUSPENDED" })],
    permissionSets: [permissionSet(1, { managedPolicies: ADMIN }), permissionSet(2), permissionSet(3)],
    assignments: [assign(1, 1, { group: 1 }), assign(2, 2, { user: 26 })],
  };
}

describeEachDialect("store: findings", (h) => {
  let store: KyselyStore;
  let clock: FakeClock;
  let current: World;
  let orgId: string;
  let connectionId: string;
  let runner: SyncRunner;

  beforeEach(async () => {
    clock = new FakeClock();
    store = await h.open({ now: clock.now });
    orgId = (await store.createOrganization("Findings")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues() })).id;
    current = world();
    runner = new SyncRunner({ store, now: clock.now, read: () => Promise.resolve(readResult(current)) });
  });

  async function sync() {
    clock.advance(60_000);
    const run = await runner.run(orgId, connectionId);
    expect(run.state).toBe("succeeded");
    const changes = (await store.listChanges(orgId, { connectionId, syncRunId: run.id, limit: 1000 })).items;
    return { run, findingChanges: changes.filter(isFindingChange) };
  }

  it("opens findings on the first sync as a baseline, then records opened and resolved", async () => {
    const first = await sync();
    expect(first.findingChanges).toEqual([]);
    const page = await store.listFindings(orgId, { connectionId, limit: 1000 });
    // 26 admins on account 1 (25 + the disabled one), the admin set, the disabled user, 4 idle
    // users (27-30), the suspended account, the direct assignment, the empty group, the unused set.
    expect(page.counts.open).toEqual({ high: 28, medium: 1, low: 7 });
    expect(page.items.map((f) => f.severity)).toEqual([
      ...Array<string>(28).fill("high"),
      "medium",
      ...Array<string>(7).fill("low"),
    ]);
    const admin = page.items.find((f) => f.rule === "access.admin" && f.userId === userId(1))!;
    expect(admin).toMatchObject({
      status: "open",
      firstSeenAt: "2026-11-30T12:01:00.000Z",
      lastSeenAt: "2026-11-30T12:01:00.000Z",
      resolvedAt: null,
      acceptance: null,
    });

    // Nothing changed: nothing recorded, lastSeenAt moves on.
    const second = await sync();
    expect(second.findingChanges).toEqual([]);
    const again = (await store.getFindings(orgId, connectionId, [admin.id]))[0]!;
    expect(again).toMatchObject({ firstSeenAt: admin.firstSeenAt, lastSeenAt: "2026-11-30T12:02:00.000Z" });

    // User 1 leaves the admin group, user 27 joins it.
    current.memberships = [...range(2, 25).map((n) => member(1, n)), member(1, 27), member(1, 31)];
    const third = await sync();
    const brief = third.findingChanges
      .map((c) => `${c.kind} ${String(c.detail.rule)} ${c.userId ?? ""}`)
      .sort();
    expect(brief).toEqual(
      [
        `finding.opened access.admin ${userId(27)}`,
        `finding.opened user.no_access ${userId(1)}`,
        `finding.resolved access.admin ${userId(1)}`,
        `finding.resolved user.no_access ${userId(27)}`,
      ].sort(),
    );
    const resolved = (await store.getFindings(orgId, connectionId, [admin.id]))[0]!;
    expect(resolved).toMatchObject({
      status: "resolved",
      resolvedAt: "2026-11-30T12:03:00.000Z",
      lastSeenAt: "2026-11-30T12:02:00.000Z",
    });
    // Back again: the same finding re-opens, its first sighting kept.
    current.memberships.push(member(1, 1));
    const fourth = await sync();
    expect(fourth.findingChanges.find((c) => c.detail.findingId === admin.id)).toMatchObject({
      kind: "finding.opened",
      detail: { reopened: true, rule: "access.admin" },
    });
    expect((await store.getFindings(orgId, connectionId, [admin.id]))[0]).toMatchObject({
      status: "open",
      firstSeenAt: admin.firstSeenAt,
      resolvedAt: null,
    });
  });

  it("keeps an accepted finding out of the open counts until its facts change", async () => {
    await sync();
    const direct = (await store.listFindings(orgId, { connectionId, rules: ["assignment.direct_user"] }))
      .items[0]!;
    await expect(
      store.acceptFinding(orgId, connectionId, "f-00000000000000000000", { by: "x", reason: "y" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const accepted = await store.acceptFinding(orgId, connectionId, direct.id, {
      by: "ana@example.com",
      reason: "vendor break-glass user",
    });
    expect(accepted.acceptance).toEqual({
      by: "ana@example.com",
      reason: "vendor break-glass user",
      at: "2026-11-30T12:01:00.000Z",
    });
    const counts = (await store.listFindings(orgId, { connectionId })).counts;
    expect(counts).toMatchObject({ open: { high: 28, medium: 1, low: 6 }, accepted: 1, resolved: 0 });
    expect(
      (await store.listFindings(orgId, { connectionId, status: "accepted" })).items.map((f) => f.id),
    ).toEqual([direct.id]);
    expect((await sync()).findingChanges).toEqual([]);
    // A rename is not a change of facts: still accepted.
    current.users = current.users.map((u) =>
      u.userId === userId(26) ? { ...u, userName: "renamed@example.com" } : u,
    );
    expect((await sync()).findingChanges).toEqual([]);
    expect((await store.getFindings(orgId, connectionId, [direct.id]))[0]).toMatchObject({
      status: "accepted",
      subject: { name: "renamed@example.com / Account 2 / PermissionSet2" },
    });
    // The same assignment, but the permission set now grants admin: the facts changed.
    current.permissionSets = current.permissionSets!.map((p) =>
      p.arn === psArn(2) ? { ...p, managedPolicies: ADMIN } : p,
    );
    const changed = await sync();
    const reopened = changed.findingChanges.filter((c) => c.detail.findingId === direct.id);
    expect(reopened).toEqual([]);
    // (assignment.direct_user's facts are the assignment itself: it stays accepted; the admin
    // access it now gives is a new access.admin finding.)
    expect(
      changed.findingChanges.some((c) => c.kind === "finding.opened" && c.detail.rule === "access.admin"),
    ).toBe(true);
  });

  it("refuses to accept a resolved finding", async () => {
    await sync();
    const idle = (await store.listFindings(orgId, { connectionId, rules: ["user.no_access"] })).items[0]!;
    current.users = current.users.filter((u) => u.userId !== idle.userId);
    await sync();
    await expect(
      store.acceptFinding(orgId, connectionId, idle.id, { by: "a", reason: "b" }),
    ).rejects.toMatchObject({ code: "conflict" });
  });

  it("filters, pages in a stable order, counts per connection and across the organization", async () => {
    await sync();
    const other = (await store.createConnection(orgId, { values: connectionValues(2) })).id;
    await runner.run(orgId, other);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listFindings(orgId, { status: "all", limit: 7, cursor });
      seen.push(...page.items.map((f) => `${f.connectionId}/${f.id}`));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(72);
    expect(new Set(seen).size).toBe(72);
    const byConnection = await store.countFindingsByConnection(orgId);
    expect(byConnection.get(connectionId)?.open).toEqual({ high: 28, medium: 1, low: 7 });
    expect(byConnection.get(other)?.open).toEqual({ high: 28, medium: 1, low: 7 });
    const forUser = await store.listFindings(orgId, { connectionId, userId: userId(31) });
    expect(forUser.items.map((f) => f.rule).sort()).toEqual(["access.admin", "user.disabled_with_access"]);
    const account2 = await store.listFindings(orgId, {
      connectionId,
      accountId: accountId(2),
      severities: ["medium"],
    });
    expect(account2.items.map((f) => f.rule)).toEqual(["account.inactive_with_access"]);
    await expect(store.listFindings(orgId, { cursor: "nonsense" })).rejects.toMatchObject({
      field: "cursor",
    });
    const otherOrg = (await store.createOrganization("Other")).id;
    await expect(store.listFindings(otherOrg, { connectionId })).rejects.toMatchObject({ code: "not_found" });
    expect((await store.listFindings(otherOrg)).items).toEqual([]);
  });

  it("exports every finding sorted by id, and deletes them with the connection", async () => {
    await sync();
    const exported = connectionExportSchema.parse(await store.exportConnection(orgId, connectionId));
    expect(exported.findings).toHaveLength(36);
    const ids = exported.findings.map((f) => f.id);
    expect(ids).toEqual([...ids].sort());
    expect(Object.keys(exported.findings[0]!)).toEqual([
      "id",
      "rule",
      "severity",
      "status",
      "subject",
      "accountId",
      "permissionSetArn",
      "userId",
      "groupId",
      "message",
      "details",
      "firstSeenAt",
      "lastSeenAt",
      "resolvedAt",
      "acceptance",
    ]);
    await store.deleteConnection(orgId, connectionId);
    expect((await store.listFindings(orgId, { status: "all" })).items).toEqual([]);
  });
});
