// The optional extras (actions outside the permission policy that the sync uses when allowed): the
// connect-time checks probe each one, and report a denied one exactly as the sync then warns about
// it. Both sides run against the same sandbox with the same actions denied.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { runConnectionChecks } from "../../src/connectors/aws-identity-center/checks.js";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { startCheckSandbox, PLATFORM_CREDENTIALS, type CheckSandbox } from "./checks-support.js";

// Written out by hand: what the sync reads when allowed and warns about when denied.
const EXTRAS = [
  "sso:DescribeInstance",
  "sso:GetPermissionsBoundaryForPermissionSet",
  "cloudtrail:LookupEvents",
];

let env: CheckSandbox;

beforeAll(async () => {
  env = await startCheckSandbox();
});

afterAll(async () => {
  await env.sandbox.close();
});

beforeEach(() => {
  env.sandbox.setFaults({ deniedActions: [] });
  env.sandbox.counters.reset();
});

async function syncWarnings(): Promise<string[]> {
  const options = env.options();
  const result = await readIdentityCenter({
    values: options.values,
    externalId: options.externalId,
    connectionId: "conn-extras",
    endpointUrl: env.sandbox.url,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
    // The engine always asks for sign-in activity (cloudtrail:LookupEvents).
    activity: { cursor: null },
  });
  return result.warnings.flatMap((w) => (w.action === undefined ? [] : [w.action])).sort();
}

async function checkWarnings(): Promise<string[]> {
  const report = await runConnectionChecks(env.options());
  expect(report.blocking).toBe(false);
  return report.warnings.flatMap((w) => (w.action === undefined ? [] : [w.action])).sort();
}

describe("optional extras", () => {
  it("are each probed by the checks, as optional rows after the 20", async () => {
    const report = await runConnectionChecks(env.options());
    expect(report.ok).toBe(true);
    const rows = report.checks.slice(-EXTRAS.length);
    expect(rows.map((r) => [r.action, r.ok, r.required])).toEqual(EXTRAS.map((a) => [a, true, false]));
    for (const action of EXTRAS) expect(env.sandbox.counters.count(action, "total")).toBeGreaterThan(0);
  });

  it.each([...EXTRAS.map((a) => ({ denied: [a] })), { denied: EXTRAS }])(
    "denied ($denied): the checks warn about exactly what the sync then warns about",
    async ({ denied }) => {
      env.sandbox.setFaults({ deniedActions: denied });
      const fromChecks = await checkWarnings();
      expect(fromChecks).toEqual([...denied].sort());
      expect(await syncWarnings()).toEqual(fromChecks);
      const report = await runConnectionChecks(env.options());
      for (const action of denied) {
        const row = report.checks.find((c) => c.action === action);
        expect(row).toMatchObject({ ok: false, required: false });
        expect(row?.message).toMatch(/^Denied: the sync goes on without it/);
      }
    },
  );
});
