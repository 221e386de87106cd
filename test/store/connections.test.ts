// Conformance: connections, their values, uniqueness per organization, counts, deletion.
import { expect, it } from "vitest";
import { ConflictError, ValidationError } from "../../src/domain/errors.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import {
  account,
  assign,
  connectionValues,
  group,
  member,
  permissionSet,
  readResult,
  user,
} from "./fixtures.js";
import { describeEachDialect } from "./harness.js";

describeEachDialect("store: connections", (h) => {
  it("creates a pending connection with defaults", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Conn");
    const conn = await store.createConnection(org.id, { values: connectionValues() });
    expect(conn).toMatchObject({
      organizationId: org.id,
      name: "AWS Identity Center (d-9067000001)",
      values: connectionValues(),
      endpointUrl: null,
      scheduleMinutes: 360,
      state: "pending",
      lastError: null,
      lastSyncedAt: null,
      lastWarnings: [],
      lastRunId: null,
      lastRunState: null,
    });
    expect(await store.getConnection(org.id, conn.id)).toEqual(conn);
    const named = await store.createConnection(org.id, {
      values: connectionValues(2),
      name: " Prod ",
      endpointUrl: "http://127.0.0.1:4566",
      scheduleMinutes: 60,
    });
    expect(named).toMatchObject({ name: "Prod", endpointUrl: "http://127.0.0.1:4566", scheduleMinutes: 60 });
    expect((await store.listConnections(org.id)).map((c) => c.id)).toEqual([conn.id, named.id]);
    expect((await store.listAllConnections()).map((c) => c.id)).toEqual(
      expect.arrayContaining([conn.id, named.id]),
    );
  });

  it("refuses to connect the same instance twice in one organization, but not across organizations", async () => {
    const store = await h.open();
    const a = await store.createOrganization("A");
    const b = await store.createOrganization("B");
    const first = await store.createConnection(a.id, { values: connectionValues(), name: "Main" });
    const again = store.createConnection(a.id, { values: { ...connectionValues(), region: "eu-west-1" } });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toThrow(/already has a connection to the Identity Center instance .*"Main"/);
    expect((await store.createConnection(b.id, { values: connectionValues() })).organizationId).toBe(b.id);
    const second = await store.createConnection(a.id, { values: connectionValues(2) });
    await expect(
      store.updateConnection(a.id, second.id, { values: { instanceArn: first.values.instanceArn } }),
    ).rejects.toBeInstanceOf(ConflictError);
  });

  it("validates values, name and schedule, naming the field", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Valid");
    await expect(
      store.createConnection(org.id, { values: { ...connectionValues(), roleArn: " " } }),
    ).rejects.toMatchObject({
      field: "roleArn",
    });
    await expect(
      store.createConnection(org.id, { values: connectionValues(), scheduleMinutes: 1 }),
    ).rejects.toMatchObject({
      field: "scheduleMinutes",
    });
    await expect(
      store.createConnection(org.id, { values: connectionValues(), name: "" }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await store.listConnections(org.id)).toEqual([]);
  });

  it("updates name, values, endpoint and schedule", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Update");
    const conn = await store.createConnection(org.id, { values: connectionValues() });
    const updated = await store.updateConnection(org.id, conn.id, {
      name: "Renamed",
      values: { region: "eu-central-1" },
      scheduleMinutes: 30,
      endpointUrl: "http://localhost:1",
    });
    expect(updated).toMatchObject({
      name: "Renamed",
      values: { ...connectionValues(), region: "eu-central-1" },
      scheduleMinutes: 30,
      endpointUrl: "http://localhost:1",
    });
    expect((await store.updateConnection(org.id, conn.id, { endpointUrl: null })).endpointUrl).toBeNull();
  });

  it("counts a connection's state and deletes all of its data", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Delete");
    const conn = await store.createConnection(org.id, { values: connectionValues() });
    const keep = await store.createConnection(org.id, { values: connectionValues(2) });
    let users = [user(1), user(2, { status: "DISABLED" }), user(3)];
    const world = () => ({
      users,
      groups: [group(1)],
      memberships: [member(1, 1)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { group: 1 })],
    });
    const runner = new SyncRunner({ store, read: () => Promise.resolve(readResult(world())) });
    await runner.run(org.id, conn.id);
    await runner.run(org.id, keep.id);
    users = users.slice(0, 2).concat(user(4));
    expect((await runner.run(org.id, conn.id, { force: true })).state).toBe("succeeded");
    expect(await store.getConnectionCounts(org.id, conn.id)).toEqual({
      users: 3,
      enabledUsers: 2,
      disabledUsers: 1,
      deletedUsers: 1,
      groups: 1,
      accounts: 1,
      permissionSets: 1,
      assignments: 1,
    });
    await store.deleteConnection(org.id, conn.id);
    await expect(store.getConnection(org.id, conn.id)).rejects.toMatchObject({ code: "not_found" });
    for (const table of [
      "users",
      "groups",
      "group_memberships",
      "accounts",
      "permission_sets",
      "assignments",
      "access_grants",
      "changes",
      "sync_runs",
    ] as const) {
      const rows = await store.db
        .selectFrom(table)
        .select("connection_id")
        .where("connection_id", "=", conn.id)
        .execute();
      expect(rows, table).toEqual([]);
    }
    expect((await store.exportConnection(org.id, keep.id)).users).toHaveLength(3);
  });
});
