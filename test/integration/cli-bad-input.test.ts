// Bad input to every command: a malformed ARN, an unknown region, an unknown connection, a bad
// --since, a data directory that cannot be one, unknown flags. Each exits 2 with one line that
// names the field and the fix, makes no AWS call, and changes nothing stored.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessCommand } from "../../src/cli/access-command.js";
import { changesCommand } from "../../src/cli/changes-command.js";
import { checkCommand } from "../../src/cli/check-command.js";
import { connectCommand } from "../../src/cli/connect-command.js";
import { connectionsCommand } from "../../src/cli/connections-command.js";
import type { Command } from "../../src/cli/context.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { policyCommand } from "../../src/cli/policy-command.js";
import { sandboxCommand } from "../../src/cli/sandbox-command.js";
import { snapshotCommand } from "../../src/cli/snapshot-command.js";
import { startCommand } from "../../src/cli/start-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import { usersCommand } from "../../src/cli/users-command.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { connectArgs, expectOneLineUsage, PLATFORM_ENV, runCli, setProcessEnv } from "./cli-support.js";

let root: string;
let dir: string;
let sandbox: Sandbox;
let orgId: string;
let externalId: string;
let connectionId: string;
let restoreEnv: () => void;

const cli = (command: Command, args: string[], dataDir = dir) =>
  runCli(command, args, { IDC_SYNC_DATA_DIR: dataDir });

/** Everything a command could have changed: organizations, connections, the export, the history. */
async function storedState(): Promise<string> {
  const parts = [
    await cli(orgCommand, ["list", "--json"]),
    await cli(connectionsCommand, ["--org", orgId, "--json"]),
    await cli(exportCommand, [connectionId, "--org", orgId, "--format", "json"]),
    await cli(changesCommand, [connectionId, "--org", orgId, "--json"]),
  ];
  for (const p of parts) expect(p.code, p.err).toBe(0);
  return parts.map((p) => p.out).join("\n");
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "idc-sync-cli-bad-"));
  dir = join(root, "data");
  restoreEnv = setProcessEnv(PLATFORM_ENV);
  const created = await cli(orgCommand, ["create", "Bad Input Inc", "--json"]);
  const org = JSON.parse(created.out) as { id: string; externalId: string };
  orgId = org.id;
  externalId = org.externalId;
  sandbox = await startSandbox({
    generate: { users: 8, groups: 2, accounts: 2, permissionSets: 1, seed: 3 },
    trust: { externalId },
  });
  const connected = await cli(connectCommand, connectArgs(sandbox, "--org", orgId, "--json"));
  expect(connected.code, connected.err).toBe(0);
  connectionId = (JSON.parse(connected.out) as { id: string }).id;
  expect((await cli(syncCommand, [connectionId, "--org", orgId])).code).toBe(0);
  writeFileSync(join(root, "a-file"), "not a directory");
});

afterAll(async () => {
  restoreEnv();
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

type Case = [label: string, command: Command, args: string[], pattern: RegExp];

function valueFlags(overrides: Record<string, string>): string[] {
  const v = sandbox.connectValues();
  const values: Record<string, string> = {
    "--role-arn": v.roleArn,
    "--region": v.region,
    "--identity-store-id": v.identityStoreId,
    "--instance-arn": v.instanceArn,
    "--endpoint-url": v.endpoint,
    ...overrides,
  };
  return Object.entries(values).flat();
}

/** Runs the cases: each exits 2 with one line matching its pattern, with no AWS call, nothing changed. */
async function expectRefusals(cases: Case[]): Promise<void> {
  const before = await storedState();
  sandbox.counters.reset();
  for (const [label, command, args, pattern] of cases) {
    expectOneLineUsage(await cli(command, args), pattern, label);
  }
  expect(sandbox.counters.snapshot().total.total).toBe(0);
  expect(await storedState()).toBe(before);
}

describe("bad input exits 2 with one line naming the field and the fix", () => {
  it("malformed ARNs, IDs and URLs, and an unknown region", async () => {
    const ext = ["--external-id", "x".repeat(40)];
    await expectRefusals([
      [
        "connect role",
        connectCommand,
        valueFlags({ "--role-arn": "arn:aws:iam::12:role" }),
        /--role-arn: .*arn:aws:iam::123456789012:role\//,
      ],
      [
        "connect region",
        connectCommand,
        valueFlags({ "--region": "mars-north-1" }),
        /--region: .*mars-north-1.*us-east-1/,
      ],
      [
        "connect store id",
        connectCommand,
        valueFlags({ "--identity-store-id": "store" }),
        /--identity-store-id: .*d-/,
      ],
      [
        "connect instance",
        connectCommand,
        valueFlags({ "--instance-arn": "arn:aws:sso:::ssoins-1" }),
        /--instance-arn: .*arn:aws:sso:::instance\/ssoins-/,
      ],
      [
        "connect endpoint",
        connectCommand,
        valueFlags({ "--endpoint-url": "ftp://x" }),
        /--endpoint-url: .*http:\/\//,
      ],
      [
        "connect schedule",
        connectCommand,
        valueFlags({ "--schedule-minutes": "1" }),
        /--schedule-minutes: .*5 to 10080/,
      ],
      ["connect missing", connectCommand, ["--region", "us-east-1"], /--role-arn: /],
      ["check role", checkCommand, [...valueFlags({ "--role-arn": "not-an-arn" }), ...ext], /--role-arn: /],
      ["check region", checkCommand, [...valueFlags({ "--region": "us-nowhere-9" }), ...ext], /--region: /],
      [
        "snapshot role",
        snapshotCommand,
        [...valueFlags({ "--role-arn": "not-an-arn" }), ...ext],
        /--role-arn: /,
      ],
      [
        "snapshot region",
        snapshotCommand,
        [...valueFlags({ "--region": "eu-atlantis-1" }), ...ext],
        /--region: /,
      ],
    ]);
  });

  it("unknown connections and organizations", async () => {
    const unknown = /CONNECTION: no connection "nope" .*'idc-sync connections' lists them/;
    await expectRefusals([
      ["sync", syncCommand, ["nope", "--org", orgId], unknown],
      ["export", exportCommand, ["nope", "--org", orgId, "--format", "json"], unknown],
      ["changes", changesCommand, ["nope", "--org", orgId], unknown],
      ["users", usersCommand, ["nope", "--org", orgId], unknown],
      ["access", accessCommand, ["nope", "--org", orgId], unknown],
      [
        "check",
        checkCommand,
        ["nope", "--org", orgId],
        /no connection "nope".*'idc-sync connections' lists them/,
      ],
      ["sync none", syncCommand, ["--org", orgId], /CONNECTION: name one connection/],
      [
        "sync org",
        syncCommand,
        [connectionId, "--org", "no-such-org"],
        /--org: no organization .*"no-such-org"/,
      ],
      ["policy org", policyCommand, ["--org", "no-such-org"], /--org: no organization .*"no-such-org"/],
      ["connections org", connectionsCommand, ["--org", "no-such-org"], /--org: no organization/],
    ]);
  });

  it("bad times, kinds, formats, statuses and limits", async () => {
    const base = [connectionId, "--org", orgId];
    await expectRefusals([
      [
        "since word",
        changesCommand,
        [...base, "--since", "yesterday"],
        /--since: expected an ISO-8601 time such as/,
      ],
      ["since date", changesCommand, [...base, "--since", "2026-13-45"], /--since: /],
      [
        "kind",
        changesCommand,
        [...base, "--kind", "user.exploded"],
        /--kind: 'user.exploded' is not a change kind/,
      ],
      ["limit", changesCommand, [...base, "--limit", "0"], /--limit: expected a whole number/],
      ["format", exportCommand, [...base, "--format", "xml"], /--format: give json or csv/],
      [
        "status",
        usersCommand,
        [...base, "--status", "asleep"],
        /--status: expected ENABLED, DISABLED, DELETED/,
      ],
      ["sort", usersCommand, [...base, "--sort", "age"], /--sort: expected /],
      ["access limit", accessCommand, [...base, "--limit", "-3"], /--limit/],
      ["org create", orgCommand, ["create"], /NAME: /],
      ["org verb", orgCommand, ["rename", "x"], /expected 'create NAME' or 'list'/],
      ["port", startCommand, ["--port", "99999"], /--port: expected 0 to 65535/],
      ["sandbox users", sandboxCommand, ["--users", "many"], /--users/],
    ]);
  });

  it("a data directory that cannot be one: nothing is created", async () => {
    const under = join(root, "a-file", "data");
    const absent = join(root, "absent");
    const cases: [string, Command, string[], string][] = [
      ["org create", orgCommand, ["create", "X"], under],
      ["org list", orgCommand, ["list"], under],
      ["connections", connectionsCommand, [], under],
      ["connect", connectCommand, valueFlags({}), under],
      ["sync", syncCommand, [connectionId], under],
      ["export", exportCommand, [connectionId, "--format", "json"], under],
      ["changes", changesCommand, [connectionId], under],
      ["users", usersCommand, [connectionId], under],
      ["access", accessCommand, [connectionId], under],
      ["org create on a file", orgCommand, ["create", "X"], join(root, "a-file")],
      ["export from an empty place", exportCommand, [connectionId, "--format", "json"], absent],
      ["sync from an empty place", syncCommand, [connectionId], absent],
    ];
    sandbox.counters.reset();
    for (const [label, command, args, dataDir] of cases) {
      for (const viaFlag of [false, true]) {
        const r = viaFlag
          ? await cli(command, [...args, "--data-dir", dataDir], join(root, "unused"))
          : await cli(command, args, dataDir);
        expectOneLineUsage(r, /--data-dir: .*(IDC_SYNC_DATA_DIR)/, `${label}${viaFlag ? " (flag)" : ""}`);
      }
    }
    expect(existsSync(absent)).toBe(false);
    expect(existsSync(join(root, "unused"))).toBe(false);
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });

  it("unknown flags and stray arguments, for every command", async () => {
    const bogus = /Unknown option '--bogus'.*'idc-sync \w+ --help'/;
    await expectRefusals([
      ["org", orgCommand, ["list", "--bogus"], bogus],
      ["connect", connectCommand, [...valueFlags({}), "--bogus"], bogus],
      ["connections", connectionsCommand, ["--bogus"], bogus],
      ["sync", syncCommand, [connectionId, "--bogus"], bogus],
      ["export", exportCommand, [connectionId, "--format", "json", "--bogus"], bogus],
      ["changes", changesCommand, [connectionId, "--bogus"], bogus],
      ["users", usersCommand, [connectionId, "--bogus"], bogus],
      ["access", accessCommand, [connectionId, "--bogus"], bogus],
      ["policy", policyCommand, ["--bogus"], bogus],
      ["check", checkCommand, [connectionId, "--bogus"], bogus],
      ["snapshot", snapshotCommand, ["--bogus"], bogus],
      ["sandbox", sandboxCommand, ["--bogus"], bogus],
      ["start", startCommand, ["--bogus"], bogus],
      ["connect stray", connectCommand, [...valueFlags({}), "extra"], /unexpected argument 'extra'/],
      ["connections stray", connectionsCommand, ["extra"], /unexpected argument 'extra'/],
      ["sync two", syncCommand, [connectionId, connectionId], /CONNECTION: name one connection/],
      ["sync all and one", syncCommand, [connectionId, "--all"], /CONNECTION: name one connection/],
      ["export two", exportCommand, [connectionId, "x", "--format", "json"], /CONNECTION: name one/],
    ]);
  });
});
