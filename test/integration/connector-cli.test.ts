// `idc-sync snapshot` against the sandbox, run in-process: JSON on stdout, one line on stderr and
// exit 2 for bad input, exit 1 naming the code for an AWS failure.
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { snapshotCommand } from "../../src/cli/snapshot-command.js";
import type { CliContext } from "../../src/cli/context.js";
import { parseConfig } from "../../src/config.js";
import type { ReadResult } from "../../src/domain/model.js";
import { startSandbox, type ConnectValues, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS } from "./connector-expected.js";

let sandbox: Sandbox;
let connect: ConnectValues;

beforeAll(async () => {
  // The command takes the platform's credentials from the SDK's chain, as in production.
  process.env.AWS_ACCESS_KEY_ID = PLATFORM_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = PLATFORM_CREDENTIALS.secretAccessKey;
  sandbox = await startSandbox({
    generate: { users: 25, groups: 4, accounts: 3, permissionSets: 2, seed: 2 },
  });
  connect = sandbox.connectValues();
});

afterAll(() => sandbox.close());

beforeEach(() => {
  sandbox.counters.reset();
  sandbox.setFaults({ deniedActions: [] });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c: Buffer) => out.push(c.toString()));
  stderr.on("data", (c: Buffer) => err.push(c.toString()));
  const ctx: CliContext = {
    config: parseConfig({}),
    stdout,
    stderr,
    interactive: false,
    stopSignal: new AbortController().signal,
  };
  const code = await snapshotCommand(args, ctx);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

function args(over: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    "--role-arn": connect.roleArn,
    "--region": connect.region,
    "--identity-store-id": connect.identityStoreId,
    "--instance-arn": connect.instanceArn,
    "--external-id": connect.externalId,
    "--endpoint-url": connect.endpoint,
    ...over,
  };
  return Object.entries(values).flat();
}

describe("idc-sync snapshot", () => {
  it("prints the read result as JSON", async () => {
    const r = await run(args());
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as ReadResult;
    expect(result.snapshot.users).toHaveLength(sandbox.world.users.length);
    expect(result.snapshot.instance.instanceArn).toBe(connect.instanceArn);
    expect(result.stats.callsByAction["sso:ListInstances"]).toBe(1);
    expect(sandbox.counters.snapshot().assumeRoleCalls[0]?.roleSessionName).toBe("idc-sync-snapshot");
  });

  it("prints its help", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--identity-store-id");
  });

  it.each([
    [{ "--region": "mars-1" }, "--region"],
    [{ "--identity-store-id": "store" }, "--identity-store-id"],
    [{ "--role-arn": "role" }, "--role-arn"],
    [{ "--endpoint-url": "not a url" }, "--endpoint-url"],
  ])("refuses bad input in one line naming the flag, exit 2, no AWS call (%o)", async (over, flag) => {
    const r = await run(args(over));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(flag);
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });

  it("refuses an unknown option and a missing external id", async () => {
    expect((await run([...args(), "--bogus"])).code).toBe(2);
    const missing = await run(args().slice(0, -4).concat(["--endpoint-url", connect.endpoint]));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--external-id");
  });

  it("reports an AWS failure in one line with its code, exit 1", async () => {
    sandbox.setFaults({ deniedActions: ["identitystore:ListUsers"] });
    const r = await run(args());
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("access_denied");
    expect(r.stderr).toContain("identitystore:ListUsers");
  });
});
