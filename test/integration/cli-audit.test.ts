// Issue 13, build item 2: `idc-sync audit` shows the operator's token changes (and the API's).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditCommand } from "../../src/cli/audit-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { tokenCommand } from "../../src/cli/token-command.js";
import { runCli } from "./cli-support.js";

let dir: string;
const env = () => ({ IDC_SYNC_DATA_DIR: dir });
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-audit-"));
  expect((await runCli(orgCommand, ["create", "Audited", "--json"], env())).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("lists token changes made on the CLI, newest first, filtered by action", async () => {
  const created = JSON.parse(
    (await runCli(tokenCommand, ["create", "--name", "ci", "--json"], env())).out,
  ) as { id: string };
  expect((await runCli(tokenCommand, ["revoke", created.id], env())).code).toBe(0);
  const all = await runCli(auditCommand, [], env());
  expect(all.code, all.err).toBe(0);
  expect(all.out).toMatch(/token\.revoked\s+cli\s+cli/);
  expect(all.out.indexOf("token.revoked")).toBeLessThan(all.out.indexOf("token.created"));
  const json = JSON.parse(
    (await runCli(auditCommand, ["--action", "token.created", "--json"], env())).out,
  ) as {
    target: string;
  }[];
  expect(json.map((e) => e.target)).toEqual([created.id]);
  expect((await runCli(auditCommand, ["--action", "nope"], env())).code).toBe(2);
});
