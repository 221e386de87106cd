// The reader under AWS's quotas: the sandbox throttles at AWS's rates (Identity Store 20/s per
// API, SSO Admin 20/s in all, Organizations 10/s) and answers 10% of calls with a 5xx, while the
// reader's budget is set above those rates so that throttling really happens. The snapshot must
// equal the ground truth, with no failure.
//
// A 600-user organization rather than the 2,000-user one: at 20 calls a second the larger one
// spends ~20 s in SSO Admin's quota alone, which the unthrottled tests already cover for content.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS, counts, expectSnapshot, expectedSnapshot } from "./connector-expected.js";

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 600, groups: 40, accounts: 10, permissionSets: 8, seed: 17 },
    faults: { rateLimits: true, errorRate5xx: 0.1, seed: 9 },
  });
});

afterAll(() => sandbox.close());

describe("reading under throttling and 5xx answers", () => {
  it("gives the same snapshot as the ground truth, without failing", async () => {
    const connect = sandbox.connectValues();
    const result = await readIdentityCenter({
      values: connect,
      externalId: connect.externalId,
      connectionId: "conn-throttled",
      endpointUrl: connect.endpoint,
      platformCredentials: PLATFORM_CREDENTIALS,
      budget: new RequestBudget({ rates: { identitystore: 60, sso: 60, organizations: 30 } }),
    });
    const seen = sandbox.counters.snapshot().total;
    console.log("throttled read:", counts(result.snapshot), {
      durationMs: result.stats.durationMs,
      retries: result.stats.retries,
      throttles: result.stats.throttles,
      sandbox: seen,
    });
    expectSnapshot(result.snapshot, expectedSnapshot(sandbox.world));
    expect(result.warnings).toEqual([]);
    expect(seen.throttled).toBeGreaterThan(0);
    expect(seen.failed).toBeGreaterThan(0);
    expect(result.stats.throttles).toBe(seen.throttled);
  });
});
