// The reader against a 2,000-user sandbox organization through the real AWS SDK: the snapshot
// equals the sandbox's ground truth entity by entity, calls follow the plan exactly (no call
// repeated, no unprovisioned pair queried, only the policy's and the optional actions), and 5xx
// answers change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPTIONAL_EXTRA_ACTIONS, POLICY_ACTIONS } from "../../src/connectors/aws-identity-center/actions.js";
import { readIdentityCenter, type ReadOptions } from "../../src/connectors/aws-identity-center/index.js";
import type { ReadResult } from "../../src/domain/model.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox, type ConnectValues, type Sandbox } from "../../src/sandbox/index.js";
import { planCallCounts } from "../../src/sandbox/truth.js";
import { PLATFORM_CREDENTIALS, counts, expectSnapshot, expectedSnapshot } from "./connector-expected.js";
import { repeatedCalls, startRecorder, type Recorder } from "./connector-recorder.js";

let sandbox: Sandbox;
let connect: ConnectValues;
let recorder: Recorder;
let first: ReadResult;

function read(extra: Partial<ReadOptions> = {}): Promise<ReadResult> {
  return readIdentityCenter({
    values: connect,
    externalId: connect.externalId,
    connectionId: "conn-read-large",
    endpointUrl: recorder.url,
    platformCredentials: PLATFORM_CREDENTIALS,
    // The sandbox is unthrottled here: pacing at AWS's rates would only make the test slow.
    budget: new RequestBudget({ enabled: false }),
    retry: { baseDelayMs: 5, throttleBaseDelayMs: 20 },
    ...extra,
  });
}

function sandboxCalls(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox.counters.snapshot().byAction).map(([action, c]) => [action, c.total]),
  );
}

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 2000, groups: 150, accounts: 40, permissionSets: 30, seed: 11 },
  });
  connect = sandbox.connectValues();
  recorder = await startRecorder(connect.endpoint);
  first = await read();
});

afterAll(async () => {
  await recorder.close();
  await sandbox.close();
});

describe("reading a 2,000-user organization", () => {
  it("gives a snapshot equal to the sandbox's ground truth, entity by entity", () => {
    const expected = expectedSnapshot(sandbox.world);
    console.log("snapshot counts", counts(first.snapshot), "in", first.stats.durationMs, "ms");
    expectSnapshot(first.snapshot, expected);
    expect(first.warnings).toEqual([]);
    // The world has what the acceptance asks for: large and empty groups, every status.
    const sizes = new Map(first.snapshot.groups.map((g) => [g.groupId, 0]));
    for (const m of first.snapshot.memberships) sizes.set(m.groupId, (sizes.get(m.groupId) ?? 0) + 1);
    expect([...sizes.values()].some((n) => n > 100)).toBe(true);
    expect([...sizes.values()].some((n) => n === 0)).toBe(true);
    expect(new Set(first.snapshot.users.map((u) => u.status))).toEqual(new Set(["ENABLED", "DISABLED"]));
    expect(first.snapshot.orphanedAssignments.length).toBeGreaterThan(0);
    expect([...first.snapshot.access].some((g) => g.via.length > 1)).toBe(true);
  });

  it("makes exactly the plan's calls: none repeated, only provisioned pairs, only allowed actions", () => {
    const plan = planCallCounts(sandbox.world);
    console.log("calls by action", first.stats.callsByAction);
    expect(sandboxCalls()).toEqual({ ...plan, "sts:AssumeRole": 1 });
    expect(first.stats.callsByAction).toEqual({ ...plan, "sts:AssumeRole": 1 });
    expect(first.stats.retries).toBe(0);

    expect(repeatedCalls(recorder.calls)).toEqual([]);
    const pairs = recorder.calls
      .filter((c) => c.action === "sso:ListAccountAssignments")
      .map((c) => [c.input.AccountId as string, c.input.PermissionSetArn as string] as const);
    const unprovisioned = pairs.filter(
      ([account, ps]) => !(sandbox.world.provisioned[account] ?? []).includes(ps),
    );
    expect(unprovisioned).toEqual([]);

    const allowed = new Set<string>([...POLICY_ACTIONS, ...OPTIONAL_EXTRA_ACTIONS, "sts:AssumeRole"]);
    expect(Object.keys(sandboxCalls()).filter((a) => !allowed.has(a))).toEqual([]);
    expect(recorder.calls.every((c) => allowed.has(c.action))).toBe(true);
  });

  it("reads the same snapshot, byte for byte, with 10% of the answers a 5xx", async () => {
    sandbox.counters.reset();
    sandbox.setFaults({ errorRate5xx: 0.1, seed: 5 });
    try {
      const again = await read();
      console.log("with 5xx:", again.stats.durationMs, "ms, retries", again.stats.retries);
      expect(again.stats.retries).toBeGreaterThan(0);
      expect(sandbox.counters.snapshot().total.failed).toBeGreaterThan(0);
      expect(JSON.stringify(again.snapshot)).toBe(JSON.stringify(first.snapshot));
    } finally {
      sandbox.setFaults({ errorRate5xx: 0 });
    }
  });
});
