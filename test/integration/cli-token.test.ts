// Issue 13, M2: `idc-sync token create|list|revoke` against a real data directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { orgCommand } from "../../src/cli/org-command.js";
import { tokenCommand } from "../../src/cli/token-command.js";
import { openStore } from "../../src/store/open-store.js";
import { runCli } from "./cli-support.js";

let dir: string;
const env = () => ({ IDC_SYNC_DATA_DIR: dir });
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-token-"));
  expect((await runCli(orgCommand, ["create", "Tokens", "--json"], env())).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("idc-sync token", () => {
  it("creates a read token shown once, lists it without its value, and revokes it", async () => {
    const created = await runCli(
      tokenCommand,
      ["create", "--name", "Nightly export", "--scope", "read", "--expires-in-days", "30", "--json"],
      env(),
    );
    expect(created.code, created.err).toBe(0);
    const token = JSON.parse(created.out) as { token: string; id: string; scope: string; expiresAt: string };
    expect(token.token).toMatch(/^idcs_/);
    expect(token.scope).toBe("read");
    expect(token.expiresAt).not.toBeNull();

    const store = await openStore({ dataDir: dir });
    try {
      expect((await store.authenticateToken(token.token))?.scope).toBe("read");
    } finally {
      await store.close();
    }

    const list = await runCli(tokenCommand, ["list"], env());
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/Nightly export\s+read/);
    expect(list.out).not.toContain(token.token);

    const revoked = await runCli(tokenCommand, ["revoke", token.id], env());
    expect(revoked.code, revoked.err).toBe(0);
    const after = JSON.parse((await runCli(tokenCommand, ["list", "--json"], env())).out) as {
      id: string;
      revokedAt: string | null;
    }[];
    expect(after.find((t) => t.id === token.id)?.revokedAt).not.toBeNull();
    const again = await openStore({ dataDir: dir });
    try {
      expect(await again.authenticateToken(token.token)).toBeNull();
    } finally {
      await again.close();
    }
  });

  it("refuses bad input with exit 2, naming the option", async () => {
    expect(await runCli(tokenCommand, ["create", "--scope", "read"], env())).toMatchObject({ code: 2 });
    const scope = await runCli(tokenCommand, ["create", "--name", "x", "--scope", "root"], env());
    expect(scope.code).toBe(2);
    expect(scope.err).toContain("--scope");
    const unknown = await runCli(tokenCommand, ["revoke", "no-such-id"], env());
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("not found");
  });
});
