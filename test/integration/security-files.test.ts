// Issue 13, L6, L9 and L10: files and storage. The data directory is 0700 and the database files
// 0600 whatever the umask; SQLite's WAL is truncated after checkpoints (journal_size_limit); an
// `export --out` that cannot be written says what and where, not "unexpected error".
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { openStore, SQLITE_FILE_NAME, SQLITE_JOURNAL_SIZE_LIMIT } from "../../src/store/open-store.js";
import { runCli } from "./cli-support.js";

const mode = (path: string): number => statSync(path).mode & 0o777;

let root: string;
let previousUmask: number;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "idc-sync-sec-files-"));
  // The most permissive umask: whatever is created must still be private.
  previousUmask = process.umask(0);
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(root, { recursive: true, force: true });
});

describe("data directory and database files (L6)", () => {
  it("are 0700 and 0600 when the store creates them, -wal and -shm included", async () => {
    const dataDir = join(root, "nested", "data");
    const store = await openStore({ dataDir });
    try {
      await store.createOrganization("Private");
      const db = join(dataDir, SQLITE_FILE_NAME);
      expect(mode(dataDir).toString(8)).toBe("700");
      for (const f of [db, `${db}-wal`, `${db}-shm`]) expect(mode(f).toString(8)).toBe("600");
    } finally {
      await store.close();
    }
  });

  it("tightens database files an older version left readable", async () => {
    const dataDir = join(root, "old");
    const first = await openStore({ dataDir });
    await first.close();
    const { chmodSync } = await import("node:fs");
    chmodSync(join(dataDir, SQLITE_FILE_NAME), 0o644);
    const again = await openStore({ dataDir });
    await again.close();
    expect(mode(join(dataDir, SQLITE_FILE_NAME)).toString(8)).toBe("600");
  });

  it("the CLI's first `org create` makes them private too", async () => {
    const dataDir = join(root, "cli");
    const created = await runCli(orgCommand, ["create", "Cli", "--json"], { IDC_SYNC_DATA_DIR: dataDir });
    expect(created.code, created.err).toBe(0);
    expect(mode(dataDir).toString(8)).toBe("700");
    expect(mode(join(dataDir, SQLITE_FILE_NAME)).toString(8)).toBe("600");
  });
});

describe("SQLite's WAL (L9)", () => {
  it("has a journal_size_limit, so a checkpoint truncates the WAL after a peak", async () => {
    const dataDir = join(root, "wal");
    const store = await openStore({ dataDir });
    try {
      const rows = await sql<{ journal_size_limit: number }>`pragma journal_size_limit`.execute(store.db);
      expect(rows.rows[0]?.journal_size_limit).toBe(SQLITE_JOURNAL_SIZE_LIMIT);
      expect(SQLITE_JOURNAL_SIZE_LIMIT).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });
});

describe("export --out write errors (L10)", () => {
  const env = (dataDir: string) => ({ IDC_SYNC_DATA_DIR: dataDir });
  let dataDir: string;
  let orgId: string;
  beforeAll(async () => {
    dataDir = join(root, "export");
    const created = await runCli(orgCommand, ["create", "Exporter", "--json"], env(dataDir));
    orgId = (JSON.parse(created.out) as { id: string }).id;
    const store = await openStore({ dataDir });
    try {
      await store.createConnection(orgId, {
        name: "Exported",
        values: {
          roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
          region: "us-east-1",
          identityStoreId: "d-1234567890",
          instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
        },
      });
    } finally {
      await store.close();
    }
  });

  const exportTo = (format: string, out: string) =>
    runCli(exportCommand, ["Exported", "--org", orgId, "--format", format, "--out", out], env(dataDir));

  it("a JSON file in a folder that does not exist is named, with the fix", async () => {
    const out = join(root, "missing", "x.json");
    const r = await exportTo("json", out);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/unexpected error/);
    expect(r.err).toContain(`--out: cannot write ${out}: its folder does not exist`);
  });

  it("a JSON file path that is a folder is named", async () => {
    const r = await exportTo("json", root);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`--out: cannot write ${root}: it is a folder`);
  });

  it("a CSV folder path that is a file is named", async () => {
    const file = join(root, "a-file");
    writeFileSync(file, "x");
    const r = await exportTo("csv", join(file, "sub"));
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/unexpected error/);
    expect(r.err).toMatch(/--out: cannot write .*a part of the path is a file/);
  });
});
