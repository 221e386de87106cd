// The store-backed CLI commands end to end: org create, connect, connections, sync (the real
// connector against the sandbox), changes, users, access, export; and bad input exiting 2 with
// one line naming the field, nothing changed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext, Command } from "../../src/cli/context.js";
import { accessCommand } from "../../src/cli/access-command.js";
import { changesCommand } from "../../src/cli/changes-command.js";
import { connectCommand } from "../../src/cli/connect-command.js";
import { connectionsCommand } from "../../src/cli/connections-command.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import { usersCommand } from "../../src/cli/users-command.js";
import { parseConfig } from "../../src/config.js";
import { connectionExportSchema } from "../../src/domain/export-format.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { setUserStatus } from "../../src/sandbox/mutate.js";

let dir: string;
let sandbox: Sandbox;
let orgId: string;
let connectionId: string;

async function run(command: Command, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (b: Buffer) => (out += b.toString("utf8")));
  stderr.on("data", (b: Buffer) => (err += b.toString("utf8")));
  const ctx: CliContext = {
    config: parseConfig({ IDC_SYNC_DATA_DIR: dir }),
    stdout,
    stderr,
    interactive: false,
    stopSignal: new AbortController().signal,
  };
  const code = await command(args, ctx);
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-"));
  // The connector's platform credentials come from the SDK's chain: the sandbox accepts any.
  process.env["AWS_ACCESS_KEY_ID"] = "AKIACLITESTPLATFORM1";
  process.env["AWS_SECRET_ACCESS_KEY"] = "platform-secret";
  const created = await run(orgCommand, ["create", "Acme Corp", "--json"]);
  expect(created.code).toBe(0);
  const org = JSON.parse(created.out) as { id: string; externalId: string; adminToken: string };
  orgId = org.id;
  expect(org.adminToken.length).toBeGreaterThan(30);
  sandbox = await startSandbox({
    generate: { users: 40, groups: 6, accounts: 3, permissionSets: 3, seed: 5 },
    trust: { externalId: org.externalId },
  });
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the store-backed CLI", () => {
  it("refuses bad connection values with one line naming the flag, and stores nothing", async () => {
    const v = sandbox.connectValues();
    const bad = await run(connectCommand, [
      "--role-arn",
      "not-an-arn",
      "--region",
      v.region,
      "--identity-store-id",
      v.identityStoreId,
      "--instance-arn",
      v.instanceArn,
      "--org",
      orgId,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(1);
    expect(bad.err).toMatch(/^idc-sync connect: --role-arn: /);
    const list = await run(connectionsCommand, ["--org", orgId, "--json"]);
    expect(JSON.parse(list.out)).toEqual([]);
  });

  it("connects, syncs, and reports the changes of the next sync", async () => {
    const v = sandbox.connectValues();
    const connected = await run(connectCommand, [
      "--role-arn",
      v.roleArn,
      "--region",
      v.region,
      "--identity-store-id",
      v.identityStoreId,
      "--instance-arn",
      v.instanceArn,
      "--endpoint-url",
      v.endpoint,
      "--name",
      "Sandbox",
      "--org",
      orgId,
      "--json",
    ]);
    expect(connected.err).toBe("");
    connectionId = (JSON.parse(connected.out) as { id: string }).id;

    const first = await run(syncCommand, ["Sandbox", "--org", orgId]);
    expect(first.err).toBe("");
    expect(first.code).toBe(0);
    expect(first.out).toContain("Sandbox");
    expect(first.out).toContain("succeeded");
    expect(first.out).toContain("users 40");
    expect(first.out).toContain("no changes");

    const target = sandbox.world.users.find((u) => u.UserStatus !== "DISABLED")!;
    setUserStatus(sandbox.world, target.UserId, "DISABLED");
    const second = await run(syncCommand, [connectionId, "--org", orgId, "--json"]);
    expect(second.code).toBe(0);
    const [result] = JSON.parse(second.out) as {
      run: { state: string };
      changes: { kind: string; userId: string }[];
    }[];
    expect(result?.run.state).toBe("succeeded");
    // Besides the diff's change, the findings this made (e.g. a disabled user with access).
    expect(
      result?.changes.filter((c) => !c.kind.startsWith("finding.")).map((c) => [c.kind, c.userId]),
    ).toEqual([["user.disabled", target.UserId]]);

    const changes = await run(changesCommand, [
      connectionId,
      "--org",
      orgId,
      "--since",
      "2000-01-01T00:00:00Z",
    ]);
    expect(changes.out).toContain("user.disabled");
    expect(changes.out).toContain(target.UserName);

    const users = await run(usersCommand, [connectionId, "--org", orgId, "--status", "disabled", "--json"]);
    const listed = JSON.parse(users.out) as { users: { userId: string; licenseTypes: string[] }[] };
    expect(listed.users.map((u) => u.userId)).toContain(target.UserId);
    expect(listed.users[0]?.licenseTypes).toEqual(["AWS Identity Center"]);

    const access = await run(accessCommand, [connectionId, "--org", orgId]);
    expect(access.code).toBe(0);
    expect(access.out).toMatch(/^ACCOUNT\s+PERMISSION SET\s+USERS/);

    const connections = await run(connectionsCommand, ["--org", orgId]);
    expect(connections.out).toContain("connected");
  });

  it("exports byte-identical JSON twice, and CSV files per array", async () => {
    const a = await run(exportCommand, [connectionId, "--org", orgId, "--format", "json"]);
    const b = await run(exportCommand, [connectionId, "--org", orgId, "--format", "json"]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const parsed = connectionExportSchema.parse(JSON.parse(a.out));
    expect(parsed.users).toHaveLength(40);

    const out = join(dir, "csv");
    const csv = await run(exportCommand, [connectionId, "--org", orgId, "--format", "csv", "--out", out]);
    expect(csv.code).toBe(0);
    const usersCsv = readFileSync(join(out, "users.csv"), "utf8").split("\r\n");
    expect(usersCsv[0]).toBe(
      "userId,userName,displayName,givenName,familyName,emails,primaryEmail,externalIds,status,licenseTypes,firstSeenAt,deletedAt,lastSignInAt",
    );
    expect(usersCsv).toHaveLength(42);
    expect(
      readFileSync(join(out, "access.csv"), "utf8").startsWith(
        "userId,accountId,permissionSetArn,via,lastUsedAt\r\n",
      ),
    ).toBe(true);
  });

  it("exits 2 with one line for bad input", async () => {
    const cases: [Command, string[], RegExp][] = [
      [exportCommand, [connectionId, "--org", orgId, "--format", "xml"], /--format/],
      [changesCommand, [connectionId, "--org", orgId, "--since", "yesterday"], /--since/],
      [syncCommand, ["no-such-connection", "--org", orgId], /CONNECTION/],
      [usersCommand, [connectionId, "--org", orgId, "--status", "ASLEEP"], /--status/],
      [orgCommand, ["create"], /NAME/],
      [syncCommand, ["--bogus"], /bogus/],
    ];
    for (const [command, args, pattern] of cases) {
      const result = await run(command, args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err.trim().split("\n"), args.join(" ")).toHaveLength(1);
      expect(result.err).toMatch(pattern);
    }
  });
});
