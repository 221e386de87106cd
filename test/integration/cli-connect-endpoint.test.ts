// Issue 17 defect 2: a connection made through the CLI against the sandbox, reached through the
// shell's AWS_ENDPOINT_URL, must be syncable by a process that does not have that variable (the
// service, its scheduler): `connect` stores the endpoint with the connection. Per-service endpoint
// variables, which one stored endpoint cannot express, are refused up front with the fix.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCommand } from "../../src/cli/connect-command.js";
import { connectionsCommand } from "../../src/cli/connections-command.js";
import type { Command } from "../../src/cli/context.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_ENV, runCli, setProcessEnv } from "./cli-support.js";

let dir: string;
let sandbox: Sandbox;
let restoreEnv: () => void;

const cli = (command: Command, args: string[], env: Record<string, string> = {}) =>
  runCli(command, args, { IDC_SYNC_DATA_DIR: dir, ...env });

function valueArgs(): string[] {
  const v = sandbox.connectValues();
  return [
    ...["--role-arn", v.roleArn, "--region", v.region, "--identity-store-id", v.identityStoreId],
    ...["--instance-arn", v.instanceArn],
  ];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-endpoint-"));
  restoreEnv = setProcessEnv(PLATFORM_ENV);
  const created = await cli(orgCommand, ["create", "Endpoint Co", "--json"]);
  expect(created.code).toBe(0);
  const { externalId } = JSON.parse(created.out) as { externalId: string };
  sandbox = await startSandbox({
    generate: { users: 6, groups: 2, accounts: 2, permissionSets: 1, seed: 7 },
    trust: { externalId },
  });
});

afterAll(async () => {
  restoreEnv();
  delete process.env.AWS_ENDPOINT_URL;
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a connection made with the shell's AWS_ENDPOINT_URL", () => {
  it("refuses per-service endpoint variables up front, naming them and the fix; nothing is saved", async () => {
    const r = await cli(connectCommand, valueArgs(), {
      AWS_ENDPOINT_URL: sandbox.url,
      AWS_ENDPOINT_URL_SSO_ADMIN: sandbox.url,
    });
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/AWS_ENDPOINT_URL_SSO_ADMIN is set: .*give --endpoint-url/);
    const list = await cli(connectionsCommand, ["--json"]);
    expect(JSON.parse(list.out)).toEqual([]);
  });

  it("remembers the endpoint, so a process without the variable syncs it", async () => {
    // The shell of the README walkthrough: the SDK (and so the checks) reach the sandbox through it.
    process.env.AWS_ENDPOINT_URL = sandbox.url;
    const connected = await cli(connectCommand, [...valueArgs(), "--name", "Sandbox"], {
      AWS_ENDPOINT_URL: sandbox.url,
    });
    expect(connected.code, connected.err).toBe(0);
    expect(connected.out).toContain(`Endpoint:  ${sandbox.url} (from AWS_ENDPOINT_URL`);
    // The service would refuse this endpoint without an allowlist: said now, not by failing syncs.
    expect(connected.out).toMatch(
      /Note: +'idc-sync start' syncs this connection only with IDC_SYNC_ENDPOINT_ALLOWLIST allowing 127\.0\.0\.1:\d+/,
    );

    // The service's process: no AWS_ENDPOINT_URL.
    delete process.env.AWS_ENDPOINT_URL;
    const list = await cli(connectionsCommand, ["--json"]);
    const [stored] = JSON.parse(list.out) as { endpointUrl: string | null }[];
    expect(stored?.endpointUrl).toBe(sandbox.url);
    const synced = await cli(syncCommand, ["Sandbox", "--json"]);
    expect(synced.code, synced.err).toBe(0);
    const [result] = JSON.parse(synced.out) as { run: { state: string; counts: { users: number } } }[];
    expect(result?.run).toMatchObject({ state: "succeeded", counts: { users: 6 } });
  });
});
