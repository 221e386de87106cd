// The service and a sync's thread share one SQLite file. While another connection holds the write
// lock (a thread's commit), a request's bookkeeping write (a token's last use) is skipped at once
// instead of waiting in better-sqlite3's busy loop, which would stall the event loop for up to the
// 10 s busy timeout; it is noted by a later request.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore, SQLITE_FILE_NAME } from "../../src/store/open-store.js";

let dir: string;
let store: KyselyStore;
let other: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-sqlite-busy-"));
  store = await openStore({ dataDir: dir });
  other = new Database(join(dir, SQLITE_FILE_NAME));
});

afterAll(async () => {
  if (other.inTransaction) other.exec("rollback");
  other.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the service's writes while another connection commits (SQLite)", () => {
  it("skips a token's last-use note at once rather than block, and notes it once the lock is free", async () => {
    const org = await store.createOrganization("Busy");
    const { token, info } = await store.createToken(org.id, { name: "reader", scope: "read" });
    const lastUsed = async () => (await store.listTokens(org.id)).find((t) => t.id === info.id)?.lastUsedAt;
    expect(await lastUsed()).toBeNull();

    other.exec("begin immediate");
    const started = performance.now();
    const principal = await store.authenticateToken(token);
    const ms = performance.now() - started;
    expect(principal?.organization.id).toBe(org.id);
    // No busy wait: well under the 10 s busy timeout (and under a second on any machine).
    expect(ms).toBeLessThan(1000);
    other.exec("commit");
    expect(await lastUsed()).toBeNull();

    await store.authenticateToken(token);
    expect(await lastUsed()).not.toBeNull();
  });
});
