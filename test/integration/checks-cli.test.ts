// `idc-sync policy` and `idc-sync check` on a real SQLite store and the sandbox: the external id
// `policy --json` prints is the one the checks send in AssumeRole, and exit codes follow the report.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { checkCommand } from "../../src/cli/check-command.js";
import type { CliContext, Command } from "../../src/cli/context.js";
import { policyCommand } from "../../src/cli/policy-command.js";
import { parseConfig } from "../../src/config.js";
import type { Connection } from "../../src/domain/connection.js";
import type { Organization } from "../../src/domain/organization.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { openStore } from "../../src/store/open-store.js";
import { THE_20_ACTIONS } from "../fixtures/policy-actions.js";

// The process's AWS credentials are the platform's: any key the sandbox did not issue is.
const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "AKIAIDCSYNCCLITEST01",
  AWS_SECRET_ACCESS_KEY: "not-a-secret",
  AWS_REGION: "us-east-1",
};

let dataDir: string;
let sandbox: Sandbox;
let organization: Organization;
let connection: Connection;
const savedEnv: Record<string, string | undefined> = {};

async function run(command: Command, args: string[], dir = dataDir) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
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
  dataDir = mkdtempSync(join(tmpdir(), "idc-sync-checks-cli-"));
  const store = await openStore({ dataDir });
  try {
    organization = (await store.ensureDefaultOrganization()).organization;
    sandbox = await startSandbox({
      generate: { users: 4, groups: 2, accounts: 2, permissionSets: 1 },
      trust: { externalId: organization.externalId },
    });
    const cv = sandbox.connectValues();
    connection = await store.createConnection(organization.id, {
      values: {
        roleArn: cv.roleArn,
        region: cv.region,
        identityStoreId: cv.identityStoreId,
        instanceArn: cv.instanceArn,
      },
      endpointUrl: sandbox.url,
      name: "sandbox",
    });
  } finally {
    await store.close();
  }
  // `policy` finds the platform principal with STS GetCallerIdentity: the sandbox's STS here.
  for (const [key, value] of Object.entries({ ...AWS_ENV, AWS_ENDPOINT_URL_STS: sandbox.url })) {
    savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
});

afterAll(async () => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  sandbox.counters.reset();
  sandbox.setFaults({ deniedActions: [] });
});

describe("idc-sync policy", () => {
  it("prints the organization's external id, our principal, the policies and the template as JSON", async () => {
    const { code, out } = await run(policyCommand, ["--json"]);
    expect(code).toBe(0);
    const assets = JSON.parse(out) as {
      externalId: string;
      platformPrincipalArn: string;
      permissionPolicy: { Statement: { Action: string[] }[] };
      trustPolicy: unknown;
      cloudFormationTemplate: {
        Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
      };
    };
    expect(assets.externalId).toBe(organization.externalId);
    expect(assets.platformPrincipalArn).toBe(sandbox.trust.platformPrincipalArn);
    expect(assets.permissionPolicy.Statement.flatMap((s) => s.Action)).toEqual(THE_20_ACTIONS);
    expect(assets.trustPolicy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "IdcSyncAssumeRole",
          Effect: "Allow",
          Principal: { AWS: sandbox.trust.platformPrincipalArn },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": organization.externalId } },
        },
      ],
    });
    const resources = Object.values(assets.cloudFormationTemplate.Resources);
    expect(resources.find((r) => r.Type === "AWS::IAM::ManagedPolicy")?.Properties.PolicyDocument).toEqual(
      assets.permissionPolicy,
    );
    expect(resources.find((r) => r.Type === "AWS::IAM::Role")?.Properties.AssumeRolePolicyDocument).toEqual(
      assets.trustPolicy,
    );

    // The checks of the stored connection send exactly that external id.
    const check = await run(checkCommand, [connection.id, "--json"]);
    expect(check.code).toBe(0);
    const first = sandbox.counters.snapshot().assumeRoleCalls[0];
    expect(first).toMatchObject({ outcome: "ok", externalId: assets.externalId });
  });

  it("prints readable text without --json, pointing to --json for the template", async () => {
    const { code, out } = await run(policyCommand, []);
    expect(code).toBe(0);
    expect(out).toContain(`External id:             ${organization.externalId}`);
    expect(out).toContain(sandbox.trust.platformPrincipalArn);
    expect(out).toContain('"sts:ExternalId"');
    expect(out).toContain("idc-sync policy --json");
  });

  it("says how to create an organization when there is none", async () => {
    const empty = mkdtempSync(join(tmpdir(), "idc-sync-checks-cli-empty-"));
    try {
      const { code, err } = await run(policyCommand, [], empty);
      expect(code).toBe(1);
      expect(err).toContain("run 'idc-sync start' once");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("refuses an unknown organization", async () => {
    const { code, err } = await run(policyCommand, ["--org", "no-such-org"]);
    expect(code).toBe(2);
    expect(err).toMatch(/^idc-sync policy: --org: no organization with id or name "no-such-org"\n$/);
  });
});

describe("idc-sync check", () => {
  it("checks a stored connection by name, as JSON, exit 0", async () => {
    const { code, out } = await run(checkCommand, ["sandbox", "--json"]);
    expect(code).toBe(0);
    const report = JSON.parse(out) as {
      ok: boolean;
      checks: { action: string; ok: boolean; required: boolean; message: string }[];
    };
    expect(report.ok).toBe(true);
    expect(report.checks).toHaveLength(24);
  });

  it("exits 2 with one line per problem when a required action is missing", async () => {
    sandbox.setFaults({ deniedActions: ["identitystore:ListGroupMemberships", "sso:ListTagsForResource"] });
    const { code, out } = await run(checkCommand, [connection.id]);
    expect(code).toBe(2);
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^missing identitystore:ListGroupMemberships \(required\): /);
    expect(lines[1]).toMatch(/^warning \(access_denied\) sso:ListTagsForResource: /);
    expect(lines[2]).toMatch(/cannot connect/);
  });

  it("exits 0 with warnings when only optional actions are missing", async () => {
    sandbox.setFaults({ deniedActions: ["organizations:ListTagsForResource"] });
    const { code, out } = await run(checkCommand, [connection.id]);
    expect(code).toBe(0);
    expect(out).toMatch(/can connect, with the warnings above\n$/);
  });

  it("checks values given as flags, before anything is stored", async () => {
    const cv = sandbox.connectValues();
    const flags = [
      "--role-arn",
      cv.roleArn,
      "--region",
      cv.region,
      "--identity-store-id",
      cv.identityStoreId,
      "--instance-arn",
      cv.instanceArn,
      "--endpoint-url",
      sandbox.url,
    ];
    const wrong = await run(checkCommand, [...flags, "--external-id", "not-the-organizations-id", "--json"]);
    expect(wrong.code).toBe(2);
    expect((JSON.parse(wrong.out) as { error: { code: string } }).error.code).toBe("assume_role_denied");

    const right = await run(checkCommand, [...flags, "--external-id", organization.externalId]);
    expect(right.code).toBe(0);
    expect(right.out).toMatch(/24 of 24 checks passed \(organization instance\): ready to connect/);
  });

  it("refuses a malformed value naming its flag, without any AWS call", async () => {
    const cv = sandbox.connectValues();
    const { code, err } = await run(checkCommand, [
      "--role-arn",
      cv.roleArn,
      "--region",
      "mars-north-1",
      "--identity-store-id",
      cv.identityStoreId,
      "--instance-arn",
      cv.instanceArn,
      "--external-id",
      organization.externalId,
      "--endpoint-url",
      sandbox.url,
    ]);
    expect(code).toBe(2);
    expect(err).toMatch(/^idc-sync check: --region: Region "mars-north-1"/);
    expect(err.trimEnd().split("\n")).toHaveLength(1);
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });

  it("refuses CONNECTION together with value flags, and incomplete flags", async () => {
    expect((await run(checkCommand, [connection.id, "--region", "us-east-1"])).code).toBe(2);
    const partial = await run(checkCommand, ["--region", "us-east-1"]);
    expect(partial.code).toBe(2);
    expect(partial.err).toContain("missing --role-arn");
    const unknown = await run(checkCommand, ["no-such-connection"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no connection "no-such-connection"');
  });
});
