// The instance, Identity Store and region checks, and malformed values, against the sandbox.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runConnectionChecks } from "../../src/connectors/aws-identity-center/checks.js";
import { ValidationError } from "../../src/domain/errors.js";
import { startCheckSandbox, type CheckSandbox } from "./checks-support.js";

let env: CheckSandbox;

beforeAll(async () => {
  env = await startCheckSandbox({
    generate: {
      users: 4,
      groups: 2,
      accounts: 2,
      permissionSets: 1,
      otherInstances: 2,
      region: "eu-central-1",
    },
  });
});

afterAll(async () => {
  await env.sandbox.close();
});

describe("connect-time checks: instance, Identity Store and region", () => {
  it("names an Identity Store ID that belongs to another instance", async () => {
    const other = env.sandbox.world.otherInstances[0];
    const options = env.options();
    const report = await runConnectionChecks({
      ...options,
      values: { ...options.values, identityStoreId: other?.IdentityStoreId ?? "" },
    });
    expect(report).toMatchObject({ ok: false, blocking: true });
    expect(report.error).toMatchObject({ code: "identity_store_mismatch", field: "identityStoreId" });
    // Which store the instance has, and whose store was given.
    expect(report.error?.message).toContain(env.sandbox.world.instance.IdentityStoreId);
    expect(report.error?.message).toContain(other?.InstanceArn);
  });

  it("names an Instance ARN the role does not see, with what it does see", async () => {
    const options = env.options();
    const unknown = "arn:aws:sso:::instance/ssoins-00000000deadbeef";
    const report = await runConnectionChecks({
      ...options,
      values: { ...options.values, instanceArn: unknown },
    });
    expect(report.error).toMatchObject({ code: "instance_not_found", field: "instanceArn" });
    for (const i of [env.sandbox.world.instance, ...env.sandbox.world.otherInstances]) {
      expect(report.error?.message).toContain(i.InstanceArn);
    }
    // The Identity Store given is the connection's instance's: say which ARN goes with it.
    expect(report.error?.message).toContain(`use that Instance ARN`);
  });

  it("names the wrong region and the right one", async () => {
    const options = env.options();
    const report = await runConnectionChecks({
      ...options,
      values: { ...options.values, region: "us-west-2" },
    });
    expect(report).toMatchObject({ blocking: true });
    expect(report.error).toMatchObject({ code: "wrong_region", field: "region" });
    expect(report.error?.message).toContain("Set Region to eu-central-1");
  });

  it("stops after the instance check: no permission probes for a wrong instance", async () => {
    env.sandbox.counters.reset();
    const options = env.options();
    await runConnectionChecks({ ...options, values: { ...options.values, region: "us-west-2" } });
    const actions = Object.keys(env.sandbox.counters.snapshot().byAction);
    expect(actions.sort()).toEqual(["sso:ListInstances", "sts:AssumeRole"]);
  });
});

describe("connect-time checks: malformed values", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["a role ARN that is not one", { roleArn: "arn:aws:iam::12345:user/x" }, "roleArn"],
    ["an empty role ARN", { roleArn: "" }, "roleArn"],
    ["a region that is not one", { region: "moon-1" }, "region"],
    ["a region of another partition", { region: "cn-north-1" }, "region"],
    ["an Identity Store ID that is not one", { identityStoreId: "d-XYZ" }, "identityStoreId"],
    ["an Instance ARN that is not one", { instanceArn: "arn:aws:sso:::instance/nope" }, "instanceArn"],
    [
      "an Instance ARN of another partition",
      { instanceArn: "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef" },
      "instanceArn",
    ],
  ];

  it.each(cases)("refuses %s before any AWS call", async (_name, change, field) => {
    env.sandbox.counters.reset();
    const options = env.options();
    const err: unknown = await runConnectionChecks({
      ...options,
      values: { ...options.values, ...change },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe(field);
    expect(env.sandbox.counters.snapshot().total.total).toBe(0);
  });

  it("refuses a malformed external id before any AWS call", async () => {
    env.sandbox.counters.reset();
    const err: unknown = await runConnectionChecks(env.options({ externalId: "has spaces in it" })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).field).toBe("externalId");
    expect(env.sandbox.counters.snapshot().total.total).toBe(0);
  });
});

describe("connect-time checks: account instances", () => {
  it("reports an account instance as such, with a warning, and does not block", async () => {
    const account = await startCheckSandbox({ generate: { users: 3, groups: 1, instanceType: "ACCOUNT" } });
    try {
      const report = await runConnectionChecks(account.options());
      expect(report).toMatchObject({ blocking: false, instanceType: "ACCOUNT" });
      expect(report.warnings.map((w) => w.code)).toContain("account_instance");
      expect(report.checks.every((c) => c.ok)).toBe(true);
    } finally {
      await account.sandbox.close();
    }
  });
});
