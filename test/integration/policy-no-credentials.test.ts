// Issue 17 defect 4: without AWS credentials (the out-of-the-box demo) `idc-sync policy` and the
// Connect dialog's /api/setup give everything that needs no principal (the external id, the
// permission policy) and name the one missing value and how to set it; with
// IDC_SYNC_PLATFORM_PRINCIPAL_ARN they are complete without any AWS call.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { policyCommand } from "../../src/cli/policy-command.js";
import { parseConfig } from "../../src/config.js";
import { runCli, setProcessEnv } from "./cli-support.js";

const PRINCIPAL = "arn:aws:iam::123456789012:role/idc-sync-platform";
const TOKEN = "policy-test-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";
let dir: string;
let externalId: string;
let restoreEnv: () => void;
const savedAws: Record<string, string | undefined> = {};

interface Setup {
  externalId: string;
  platformPrincipalArn: string | null;
  problem: string | null;
  permissionPolicy: { Statement: { Action: string[] }[] };
  trustPolicy: { Statement: { Principal: { AWS: string } }[] } | null;
  cloudFormationTemplate: unknown;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-policy-nocreds-"));
  // No credentials anywhere the SDK looks: no variables, no files, no instance metadata.
  for (const k of Object.keys(process.env).filter((k) => k.startsWith("AWS_"))) {
    savedAws[k] = process.env[k];
    delete process.env[k];
  }
  restoreEnv = setProcessEnv({
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
    AWS_CONFIG_FILE: join(dir, "no-config"),
    AWS_REGION: "us-east-1",
  });
  const created = await runCli(orgCommand, ["create", "Acme", "--json"], { IDC_SYNC_DATA_DIR: dir });
  expect(created.code, created.err).toBe(0);
  externalId = (JSON.parse(created.out) as { externalId: string }).externalId;
});

afterAll(() => {
  restoreEnv();
  Object.assign(process.env, savedAws);
  rmSync(dir, { recursive: true, force: true });
});

describe("idc-sync policy without AWS credentials", () => {
  it("prints the external id and the permission policy, and names the missing principal", async () => {
    const json = await runCli(policyCommand, ["--json"], { IDC_SYNC_DATA_DIR: dir });
    expect(json.code).toBe(1);
    const setup = JSON.parse(json.out) as Setup;
    expect(setup.externalId).toBe(externalId);
    expect(setup.permissionPolicy.Statement.flatMap((s) => s.Action)).toHaveLength(20);
    expect(setup).toMatchObject({
      platformPrincipalArn: null,
      trustPolicy: null,
      cloudFormationTemplate: null,
    });
    expect(setup.problem).toContain("IDC_SYNC_PLATFORM_PRINCIPAL_ARN");
    expect(json.err.trimEnd().split("\n")).toHaveLength(1);
    expect(json.err).toMatch(/^idc-sync policy: .*IDC_SYNC_PLATFORM_PRINCIPAL_ARN/);

    const text = await runCli(policyCommand, [], { IDC_SYNC_DATA_DIR: dir });
    expect(text.code).toBe(1);
    expect(text.out).toContain(`External id:             ${externalId}`);
    expect(text.out).toContain('"sso:ListInstances"');
  });

  it("is complete with IDC_SYNC_PLATFORM_PRINCIPAL_ARN, without any AWS call", async () => {
    const r = await runCli(policyCommand, ["--json"], {
      IDC_SYNC_DATA_DIR: dir,
      IDC_SYNC_PLATFORM_PRINCIPAL_ARN: PRINCIPAL,
    });
    expect(r.code, r.err).toBe(0);
    const setup = JSON.parse(r.out) as Setup;
    expect(setup.platformPrincipalArn).toBe(PRINCIPAL);
    expect(setup.problem).toBeNull();
    expect(setup.trustPolicy?.Statement[0]?.Principal.AWS).toBe(PRINCIPAL);
    expect(setup.cloudFormationTemplate).not.toBeNull();
  });

  it("refuses a principal that is not an IAM role or user ARN, naming the variable", () => {
    expect(() => parseConfig({ IDC_SYNC_PLATFORM_PRINCIPAL_ARN: "idc-sync" })).toThrow(
      /IDC_SYNC_PLATFORM_PRINCIPAL_ARN: expected the ARN of the IAM role or user/,
    );
    expect(() =>
      parseConfig({
        IDC_SYNC_PLATFORM_PRINCIPAL_ARN: PRINCIPAL,
        IDC_SYNC_PLATFORM_ROLE_ARN: "arn:aws:iam::123456789012:role/other",
      }),
    ).toThrow(/differs from IDC_SYNC_PLATFORM_ROLE_ARN/);
  });
});

describe("GET /api/setup in the demo (no AWS credentials)", () => {
  async function setupOf(env: Record<string, string>): Promise<Setup> {
    const app = await createApp(
      parseConfig({ IDC_SYNC_DATA_DIR: join(dir, "app"), IDC_SYNC_ADMIN_TOKEN: TOKEN, ...env }),
      { logger: false, webRoot: null, demo: "off", detectCredentials: () => Promise.resolve(false) },
    );
    try {
      const res = await app.server.inject({
        method: "GET",
        url: "/api/setup",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    } finally {
      await app.close();
    }
  }

  it("names the missing principal and how to set it", async () => {
    const setup = await setupOf({});
    expect(setup.trustPolicy).toBeNull();
    expect(setup.problem).toContain("IDC_SYNC_PLATFORM_PRINCIPAL_ARN");
    expect(setup.permissionPolicy.Statement.flatMap((s) => s.Action)).toHaveLength(20);
  });

  it("gives the trust policy and template when IDC_SYNC_PLATFORM_PRINCIPAL_ARN is set", async () => {
    const setup = await setupOf({ IDC_SYNC_PLATFORM_PRINCIPAL_ARN: PRINCIPAL });
    expect(setup.problem).toBeNull();
    expect(setup.trustPolicy?.Statement[0]?.Principal.AWS).toBe(PRINCIPAL);
    expect(setup.cloudFormationTemplate).not.toBeNull();
  });
});
