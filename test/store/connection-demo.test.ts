// Conformance: the demo connection is marked by a stored flag (migration 0005), not recognised by
// its name or address; connections stored by an earlier version are marked once by the migration.
import { expect, it } from "vitest";
import { createMigrator } from "../../src/store/migrations.js";
import { connectionValues } from "./fixtures.js";
import { describeEachDialect } from "./harness.js";

describeEachDialect("store: the demo connection's flag", (h) => {
  it("stores demo only when the connection is created as the demo", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Demo flag");
    const plain = await store.createConnection(org.id, {
      values: connectionValues(1),
      // The old guess (this name on a loopback sandbox) no longer makes a connection the demo.
      name: "AWS Identity Center (demo)",
      endpointUrl: "http://127.0.0.1:4566",
    });
    const demo = await store.createConnection(org.id, { values: connectionValues(2), demo: true });
    expect(plain.demo).toBe(false);
    expect(demo.demo).toBe(true);
    expect((await store.getConnection(org.id, demo.id)).demo).toBe(true);
    const renamed = await store.updateConnection(org.id, demo.id, { name: "Sandbox" });
    expect(renamed.demo).toBe(true);
  });

  it("marks the demo connections of a database from before the flag, and only those", async () => {
    const raw = await h.raw("demo_upgrade");
    const migrator = await createMigrator(raw, h.dialect);
    expect((await migrator.migrateTo("0004_findings")).error).toBeUndefined();
    const at = "2026-11-30T12:00:00.000Z";
    await raw
      .insertInto("organizations" as never)
      .values({ id: "org", name: "Old", external_id: "x".repeat(40), is_default: 1, created_at: at })
      .execute();
    const row = (id: string, name: string, endpoint: string | null, n: number) => ({
      id,
      organization_id: "org",
      name,
      role_arn: "arn:aws:iam::100000000001:role/r",
      region: "us-east-1",
      identity_store_id: `d-${n}`,
      instance_arn: `arn:aws:sso:::instance/ssoins-${n}`,
      endpoint_url: endpoint,
      schedule_minutes: 60,
      state: "connected",
      created_at: at,
      updated_at: at,
    });
    await raw
      .insertInto("connections" as never)
      .values([
        row("old-demo", "AWS Identity Center (demo)", "http://127.0.0.1:41234", 1),
        row("named-like-demo", "AWS Identity Center (demo)", "https://sandbox.example.com", 2),
        row("prod", "Production", null, 3),
      ])
      .execute();
    await raw.destroy();

    const upgraded = await h.open({ database: "demo_upgrade" });
    const flags = Object.fromEntries(
      (await upgraded.listConnections("org")).map((c) => [c.id, c.demo] as const),
    );
    expect(flags).toEqual({ "old-demo": true, "named-like-demo": false, prod: false });
  });
});
