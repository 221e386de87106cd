// The trust check against the sandbox through the real SDK: the ExternalId sent is the
// organization's, a wrong one is named with the trust policy to use, and a role that trusts any
// ExternalId is refused before any data is read.
import { afterEach, describe, expect, it } from "vitest";
import { runConnectionChecks } from "../../src/connectors/aws-identity-center/checks.js";
import { trustPolicy } from "../../src/connectors/aws-identity-center/setup/policy-assets.js";
import { startCheckSandbox, type CheckSandbox } from "./checks-support.js";

const PRINCIPAL = "arn:aws:iam::999999999999:user/idc-sync-platform";
let current: CheckSandbox | undefined;

afterEach(async () => {
  await current?.sandbox.close();
  current = undefined;
});

describe("connect-time checks: the trust policy", () => {
  it("passes a correct setup, sending the organization's ExternalId and probing once with another", async () => {
    current = await startCheckSandbox();
    const report = await runConnectionChecks(current.options());
    expect(report.error).toBeUndefined();
    expect(report).toMatchObject({ ok: true, blocking: false, instanceType: "ORGANIZATION", warnings: [] });
    expect(report.checks).toHaveLength(24);
    expect(report.checks.every((c) => c.ok)).toBe(true);
    const calls = current.sandbox.counters.snapshot().assumeRoleCalls;
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({
      outcome: "ok",
      externalId: current.externalId,
      roleSessionName: "idc-sync-conn-check-test",
    });
    // The confused-deputy probe: some other ExternalId, refused. Never one without an ExternalId.
    expect(calls[1]?.outcome).toBe("denied");
    expect(calls[1]?.externalId).toMatch(/^idc-sync-probe-/);
    expect(calls[1]?.externalId).not.toBe(current.externalId);
  });

  it("names a wrong ExternalId (assume_role_denied) and shows the trust policy to use", async () => {
    current = await startCheckSandbox({ trust: { externalId: "the-role-expects-another-external-id" } });
    const report = await runConnectionChecks(current.options());
    expect(report).toMatchObject({ ok: false, blocking: true, instanceType: null });
    expect(report.error?.code).toBe("assume_role_denied");
    expect(report.error?.field).toBe("roleArn");
    expect(report.error?.message).toContain(JSON.stringify(trustPolicy(PRINCIPAL, current.externalId)));
    expect(report.checks).toEqual([
      expect.objectContaining({ action: "sts:AssumeRole", ok: false, required: true }),
    ]);
    const calls = current.sandbox.counters.snapshot().assumeRoleCalls;
    // First with the organization's ExternalId, then once without any (both refused).
    expect(calls.map((c) => [c.outcome, c.externalId])).toEqual([
      ["denied", current.externalId],
      ["denied", undefined],
    ]);
    expect(current.dataPlaneCalls()).toBe(0);
  });

  it("refuses a role that trusts any ExternalId (unsafe_trust_policy)", async () => {
    current = await startCheckSandbox({ trust: { anyExternalId: true } });
    const report = await runConnectionChecks(current.options());
    expect(report).toMatchObject({ ok: false, blocking: true });
    expect(report.error?.code).toBe("unsafe_trust_policy");
    expect(report.error?.message).toContain("confused deputy");
    expect(report.error?.message).toContain(JSON.stringify(trustPolicy(PRINCIPAL, current.externalId)));
    const calls = current.sandbox.counters.snapshot().assumeRoleCalls;
    expect(calls).toHaveLength(2);
    expect(calls[0]?.externalId).toBe(current.externalId);
    expect(calls.every((c) => c.externalId !== undefined)).toBe(true);
    expect(current.dataPlaneCalls()).toBe(0);
  });

  it("names the configured platform principal in the trust policy it shows", async () => {
    current = await startCheckSandbox({ trust: { externalId: "yet-another-external-id-value" } });
    const principal = "arn:aws:iam::111122223333:role/idc-sync-platform";
    const report = await runConnectionChecks(current.options({ platformPrincipalArn: principal }));
    expect(report.error?.message).toContain(JSON.stringify(trustPolicy(principal, current.externalId)));
  });
});
