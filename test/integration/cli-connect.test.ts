// `idc-sync connect` runs the connect-time checks before it saves anything: a required action
// denied, a role that trusts anyone (no ExternalId condition) and a role that requires another
// ExternalId are refused with exit 2 and nothing stored; an optional action denied is saved with a
// warning naming it; `policy --json` prints the external id that connect sends in AssumeRole.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCommand } from "../../src/cli/connect-command.js";
import { connectionsCommand } from "../../src/cli/connections-command.js";
import type { Command } from "../../src/cli/context.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { policyCommand } from "../../src/cli/policy-command.js";
import { newExternalId } from "../../src/domain/organization.js";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import { connectArgs, PLATFORM_ENV, runCli, setProcessEnv } from "./cli-support.js";

let dir: string;
let externalId: string;
let restoreEnv: () => void;
const sandboxes: Sandbox[] = [];

const cli = (command: Command, args: string[]) => runCli(command, args, { IDC_SYNC_DATA_DIR: dir });

async function sandboxWith(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await startSandbox({
    generate: { users: 5, groups: 2, accounts: 2, permissionSets: 1, seed: sandboxes.length + 1 },
    ...options,
    trust: { externalId, ...options.trust },
  });
  sandboxes.push(sandbox);
  return sandbox;
}

async function storedConnections(): Promise<{ id: string; values: { instanceArn: string } }[]> {
  const r = await cli(connectionsCommand, ["--json"]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as { id: string; values: { instanceArn: string } }[];
}

interface Refusal {
  error: { code: string; message: string; action?: string };
  checks: { action: string; ok: boolean; required: boolean; message: string }[];
}

/** A refused connect: exit 2, one line on stderr, nothing stored. */
async function expectRefused(args: string[], json: boolean): Promise<{ out: string; err: string }> {
  const before = await storedConnections();
  const r = await cli(connectCommand, json ? [...args, "--json"] : args);
  expect(r.code, r.err).toBe(2);
  expect(r.err.trimEnd().split("\n")).toHaveLength(1);
  expect(r.err).toMatch(/^idc-sync connect: .*; nothing was saved/);
  expect(await storedConnections()).toEqual(before);
  return r;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-connect-"));
  restoreEnv = setProcessEnv(PLATFORM_ENV);
  const created = await cli(orgCommand, ["create", "Connect Co", "--json"]);
  expect(created.code).toBe(0);
  externalId = (JSON.parse(created.out) as { externalId: string }).externalId;
});

afterAll(async () => {
  restoreEnv();
  for (const s of sandboxes) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("idc-sync connect refuses what the sync could not use", () => {
  it("refuses a role that lacks a required action, naming exactly that action", async () => {
    const sandbox = await sandboxWith({ faults: { deniedActions: ["sso:ListAccountAssignments"] } });
    const text = await expectRefused(connectArgs(sandbox), false);
    const missing = text.out.split("\n").filter((l) => l.startsWith("missing "));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(/^missing sso:ListAccountAssignments \(required\): Denied/);
    expect(text.out).toMatch(/cannot connect: fix the problems above and check again\n$/);
    expect(text.err).toContain("sso:ListAccountAssignments");

    const json = await expectRefused(connectArgs(sandbox), true);
    const refusal = JSON.parse(json.out) as Refusal;
    expect(refusal.error).toMatchObject({
      code: "missing_permissions",
      action: "sso:ListAccountAssignments",
    });
    expect(refusal.error.message).toContain("sso:ListAccountAssignments");
    expect(refusal.checks.filter((c) => c.required && !c.ok).map((c) => c.action)).toEqual([
      "sso:ListAccountAssignments",
    ]);
    for (const c of refusal.checks) {
      expect(Object.keys(c).sort()).toEqual(["action", "message", "ok", "required"]);
    }
    expect(refusal.checks).toHaveLength(24);
  });

  it("refuses a role that any ExternalId (or none) can assume", async () => {
    const sandbox = await sandboxWith({ trust: { anyExternalId: true } });
    const text = await expectRefused(connectArgs(sandbox), false);
    expect(text.out).toMatch(/^error \(unsafe_trust_policy\): /);
    const refusal = JSON.parse((await expectRefused(connectArgs(sandbox), true)).out) as Refusal;
    expect(refusal.error.code).toBe("unsafe_trust_policy");
    expect(refusal.checks).toEqual([
      expect.objectContaining({ action: "sts:AssumeRole", ok: false, required: true }),
    ]);
  });

  it("refuses a role whose trust policy requires another ExternalId", async () => {
    const sandbox = await sandboxWith({ trust: { externalId: newExternalId() } });
    const text = await expectRefused(connectArgs(sandbox), false);
    expect(text.out).toMatch(/^error \(assume_role_denied\): /);
    // The report on stdout says what is wrong; stderr does not say it a second time.
    expect(text.err).not.toContain("could not assume");
    expect(text.err).toContain("refused by the checks (assume_role_denied)");
    const refusal = JSON.parse((await expectRefused(connectArgs(sandbox), true)).out) as Refusal;
    expect(refusal.error.code).toBe("assume_role_denied");
    // The refused AssumeRole carried our organization's external id.
    expect(sandbox.counters.snapshot().assumeRoleCalls[0]).toMatchObject({ externalId });
  });

  it("refuses an instance the organization already connected, before any AWS call", async () => {
    const sandbox = await sandboxWith();
    const saved = await cli(connectCommand, connectArgs(sandbox));
    expect(saved.code, saved.err).toBe(0);
    sandbox.counters.reset();
    const again = await cli(connectCommand, connectArgs(sandbox));
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/^idc-sync connect: --instance-arn: .* already connects this instance/);
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });
});

describe("idc-sync connect saves a usable connection", () => {
  it("saves with a warning naming an optional action that is denied", async () => {
    const sandbox = await sandboxWith({ faults: { deniedActions: ["sso:ListTagsForResource"] } });
    const r = await cli(connectCommand, connectArgs(sandbox, "--name", "Tagless", "--json"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const saved = JSON.parse(r.out) as {
      id: string;
      name: string;
      state: string;
      values: { instanceArn: string };
      endpointUrl: string;
      checks: { action: string; ok: boolean; required: boolean }[];
      warnings: { code: string; action: string | null; message: string }[];
    };
    expect(saved).toMatchObject({ name: "Tagless", state: "pending", endpointUrl: sandbox.url });
    expect(saved.warnings.map(({ code, action }) => ({ code, action }))).toEqual([
      { code: "access_denied", action: "sso:ListTagsForResource" },
    ]);
    expect(saved.warnings[0]?.message).toContain("sso:ListTagsForResource");
    expect(saved.checks.find((c) => c.action === "sso:ListTagsForResource")).toMatchObject({
      ok: false,
      required: false,
    });
    expect((await storedConnections()).map((c) => c.id)).toContain(saved.id);

    const text = await cli(connectCommand, [
      ...connectArgs(await sandboxWith({ faults: { deniedActions: ["organizations:ListTagsForResource"] } })),
    ]);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Warning: {3}organizations:ListTagsForResource: /m);
  });

  it("sends in AssumeRole exactly the external id that 'policy --json' prints", async () => {
    const sandbox = await sandboxWith();
    // `policy` names the platform principal from STS GetCallerIdentity: the sandbox's STS here.
    const restore = setProcessEnv({ AWS_ENDPOINT_URL_STS: sandbox.url });
    try {
      const policy = await cli(policyCommand, ["--json"]);
      expect(policy.code, policy.err).toBe(0);
      const printed = (JSON.parse(policy.out) as { externalId: string }).externalId;
      expect(printed).toBe(externalId);
      sandbox.counters.reset();
      const r = await cli(connectCommand, connectArgs(sandbox));
      expect(r.code, r.err).toBe(0);
      const calls = sandbox.counters.snapshot().assumeRoleCalls;
      // The first call assumes the role with the organization's id; the second is the checks'
      // confused-deputy probe with an id no organization has (refused).
      expect(calls[0]).toMatchObject({ outcome: "ok", externalId: printed });
      expect(calls.slice(1).every((c) => c.outcome !== "ok")).toBe(true);
    } finally {
      restore();
    }
  });
});
