import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../src/domain/errors.js";
import { EXTERNAL_ID_PATTERN } from "../../src/domain/organization.js";
import { migrationProvider } from "../../src/store/migrations.js";
import { connectionValues } from "./fixtures.js";
import { describeEachDialect } from "./harness.js";

describeEachDialect("store: migrations and tenancy", (h) => {
  it("applies migrations once and opens an up-to-date database again without change", async () => {
    const first = await h.open();
    const org = await first.createOrganization("Acme");
    const second = await h.open();
    expect((await second.getOrganization(org.id)).name).toBe("Acme");
    const migrations = await second.db
      .selectFrom("kysely_migration" as never)
      .select("name" as never)
      .orderBy("name" as never)
      .execute();
    // Every migration the code has, each applied once (0001_initial, 0002_user_search, ...).
    const known = Object.keys(await migrationProvider(h.dialect).getMigrations()).sort();
    expect(known.slice(0, 2)).toEqual(["0001_initial", "0002_user_search"]);
    expect(migrations).toEqual(known.map((name) => ({ name })));
  });

  it("gives each organization a random external id valid as an STS ExternalId", async () => {
    const store = await h.open();
    const orgs = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.createOrganization(`Org ${i}`)),
    );
    const ids = orgs.map((o) => o.externalId);
    for (const id of ids) {
      expect(id.length).toBeGreaterThanOrEqual(32);
      expect(id).toMatch(EXTERNAL_ID_PATTERN);
      expect(id).toMatch(/^[\w+=,.@:/-]+$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const again = await store.getOrganization(orgs[0]!.id);
    expect(again.externalId).toBe(ids[0]);
  });

  it("refuses an empty organization name, naming the field", async () => {
    const store = await h.open();
    await expect(store.createOrganization("  ")).rejects.toMatchObject({ field: "name" });
    await expect(store.createOrganization("  ")).rejects.toBeInstanceOf(ValidationError);
  });

  it("creates the default organization once, even when two processes ask at the same time", async () => {
    const a = await h.open();
    const b = await h.open();
    const [x, y] = await Promise.all([a.ensureDefaultOrganization(), b.ensureDefaultOrganization()]);
    expect(x.organization.id).toBe(y.organization.id);
    expect([x.created, y.created].filter(Boolean)).toHaveLength(1);
    const z = await a.ensureDefaultOrganization();
    expect(z).toEqual({ organization: x.organization, created: false });
    expect(z.organization.isDefault).toBe(true);
  });

  it("stores API tokens hashed and finds the organization by token", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Tokens");
    const { token, info } = await store.createApiToken(org.id, "admin");
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(info.organizationId).toBe(org.id);
    const rows = await store.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("organization_id", "=", org.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect((await store.findOrganizationByToken(token))?.id).toBe(org.id);
    expect(await store.findOrganizationByToken(`${token}x`)).toBeNull();
    expect(await store.findOrganizationByToken("")).toBeNull();
  });

  it("registers a given token idempotently for its organization only", async () => {
    const store = await h.open();
    const org = await store.createOrganization("Given");
    const other = await store.createOrganization("Other");
    const given = "given-admin-token-0123456789abcdef";
    const first = await store.createApiToken(org.id, "env", given);
    const second = await store.createApiToken(org.id, "env", given);
    expect(second.info.id).toBe(first.info.id);
    await expect(store.createApiToken(other.id, "env", given)).rejects.toMatchObject({ code: "conflict" });
    await expect(store.createApiToken(org.id, "env", "short")).rejects.toMatchObject({ field: "token" });
    expect((await store.findOrganizationByToken(given))?.id).toBe(org.id);
  });

  it("scopes every connection read by organization", async () => {
    const store = await h.open();
    const a = await store.createOrganization("A");
    const b = await store.createOrganization("B");
    const conn = await store.createConnection(a.id, { values: connectionValues() });
    const { token } = await store.createApiToken(b.id, "b");
    const orgOfToken = await store.findOrganizationByToken(token);
    expect(orgOfToken?.id).toBe(b.id);
    await expect(store.getConnection(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.exportConnection(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.listSyncRuns(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.listChanges(b.id, { connectionId: conn.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.listUsers(b.id, { connectionId: conn.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.getUser(b.id, conn.id, "u")).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.listAccess(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.claimSyncRun(b.id, conn.id, { leaseMs: 1000 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.updateConnection(b.id, conn.id, { name: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.deleteConnection(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.loadState(b.id, conn.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.listConnections(b.id)).toEqual([]);
    expect((await store.listUsers(b.id)).items).toEqual([]);
    expect((await store.listChanges(b.id)).items).toEqual([]);
    expect((await store.getConnection(a.id, conn.id)).id).toBe(conn.id);
  });
});

describe("store: opening", () => {
  it("refuses a DATABASE_URL that is not a postgres URL", async () => {
    const { openStore } = await import("../../src/store/open-store.js");
    await expect(openStore({ databaseUrl: "mysql://x" })).rejects.toMatchObject({ field: "DATABASE_URL" });
  });
});
