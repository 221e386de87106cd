// Issue 17 defect 14: an emulator that lacks an action, or a proxy, answers with an HTML page instead
// of AWS's protocol. The sandbox does so for chosen actions (htmlAnswers); the sync and the checks
// classify such an answer by its HTTP status, and an optional extra never fails the sync.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { runConnectionChecks } from "../../src/connectors/aws-identity-center/checks.js";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { AccessDeniedError } from "../../src/domain/errors.js";
import type { ReadResult } from "../../src/domain/model.js";
import { startCheckSandbox, PLATFORM_CREDENTIALS, type CheckSandbox } from "./checks-support.js";

let env: CheckSandbox;

beforeAll(async () => {
  env = await startCheckSandbox();
});

afterAll(async () => {
  await env.sandbox.close();
});

beforeEach(() => {
  env.sandbox.setFaults({ deniedActions: [], htmlAnswers: {} });
  env.sandbox.counters.reset();
});

function read(): Promise<ReadResult> {
  const options = env.options();
  return readIdentityCenter({
    values: options.values,
    externalId: options.externalId,
    connectionId: "conn-foreign",
    endpointUrl: env.sandbox.url,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
    maxAttempts: 2,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
}

describe("an HTML answer instead of AWS's", () => {
  it.each(["sso:DescribeInstance", "sso:GetPermissionsBoundaryForPermissionSet"])(
    "with HTTP 500 for the optional extra %s: the sync succeeds with one warning, after retries",
    async (action) => {
      const clean = await read();
      env.sandbox.setFaults({ htmlAnswers: { [action]: 500 } });
      env.sandbox.counters.reset();
      const result = await read();
      expect(result.warnings).toEqual([
        {
          code: "optional_failed",
          action,
          message: expect.stringMatching(/HTML page with HTTP 500/) as string,
        },
      ]);
      expect(result.warnings[0]?.message).not.toMatch(/Unexpected token/);
      expect(result.snapshot.users).toEqual(clean.snapshot.users);
      expect(result.snapshot.assignments).toEqual(clean.snapshot.assignments);
      // Retried (2 attempts), then given up for the rest of the read: at most the calls in flight
      // when the first one gave up, never a round of retries per permission set after it.
      const calls = env.sandbox.counters.count(action, "total");
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(calls).toBeLessThanOrEqual(2 * Math.max(1, result.snapshot.permissionSets.length));
    },
  );

  it("with HTTP 403 for an optional action: degrades exactly as a denial does", async () => {
    env.sandbox.setFaults({ htmlAnswers: { "organizations:ListTagsForResource": 403 } });
    const result = await read();
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "access_denied", action: "organizations:ListTagsForResource" }),
    ]);
  });

  it("with HTTP 403 for a required action: fails the sync naming the denied action", async () => {
    env.sandbox.setFaults({ htmlAnswers: { "identitystore:ListGroups": 403 } });
    const failure = await read().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(AccessDeniedError);
    expect((failure as AccessDeniedError).action).toBe("identitystore:ListGroups");
  });

  it("with HTTP 401 for a required action: fails as bad credentials, not as a passing failure", async () => {
    env.sandbox.setFaults({ htmlAnswers: { "identitystore:ListUsers": 401 } });
    await expect(read()).rejects.toMatchObject({
      code: "fatal",
      message: expect.stringMatching(/credentials .* were not accepted/) as string,
    });
  });

  it("in the checks: an extra answered with HTTP 500 could not be verified, not missing, and blocks nothing", async () => {
    env.sandbox.setFaults({
      htmlAnswers: { "sso:DescribeInstance": 500, "identitystore:ListGroupMemberships": 502 },
    });
    const report = await runConnectionChecks({ ...env.options(), maxAttempts: 1 });
    expect(report.blocking).toBe(false);
    const rows = new Map(report.checks.map((c) => [c.action, c]));
    for (const action of ["sso:DescribeInstance", "identitystore:ListGroupMemberships"] as const) {
      expect(rows.get(action)).toMatchObject({ ok: false, unverified: true });
      expect(rows.get(action)?.message).toMatch(/^Could not be verified/);
    }
    expect(report.warnings.map((w) => [w.code, w.action])).toEqual([
      ["check_failed", "identitystore:ListGroupMemberships"],
      ["check_failed", "sso:DescribeInstance"],
    ]);
    // An HTML 403 is a denial: reported as missing.
    env.sandbox.setFaults({ htmlAnswers: { "sso:GetPermissionsBoundaryForPermissionSet": 403 } });
    const denied = await runConnectionChecks({ ...env.options(), maxAttempts: 1 });
    expect(
      denied.checks.find((c) => c.action === "sso:GetPermissionsBoundaryForPermissionSet"),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Denied/) as string,
    });
  });
});
