// The per-principal plan: where Organizations cannot list the accounts, or the instance is an
// account instance, assignments are read with ListAccountAssignmentsForPrincipal per user and
// group. Access comes out the same; what cannot be known is said in a warning.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { AccessDeniedError } from "../../src/domain/errors.js";
import type { ReadResult, Snapshot } from "../../src/domain/model.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox, type ConnectValues, type Sandbox } from "../../src/sandbox/index.js";
import {
  PLATFORM_CREDENTIALS,
  expectSameSet,
  expectSnapshot,
  expectedSnapshot,
} from "./connector-expected.js";

function read(sandbox: Sandbox, connect: ConnectValues): Promise<ReadResult> {
  return readIdentityCenter({
    values: connect,
    externalId: connect.externalId,
    connectionId: "conn-fallback",
    endpointUrl: connect.endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
  });
}

const PER_ACCOUNT = ["sso:ListPermissionSetsProvisionedToAccount", "sso:ListAccountAssignments"];
const FOR_PRINCIPAL = "sso:ListAccountAssignmentsForPrincipal";

describe("an organization instance whose accounts cannot be listed", () => {
  let sandbox: Sandbox;
  let connect: ConnectValues;
  let expected: Snapshot;

  beforeAll(async () => {
    sandbox = await startSandbox({
      generate: { users: 80, groups: 10, accounts: 12, permissionSets: 5, seed: 21 },
    });
    connect = sandbox.connectValues();
    expected = expectedSnapshot(sandbox.world);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.counters.reset();
    sandbox.setFaults({ deniedActions: [], organizationsNotInUse: false });
  });

  /** What the per-principal plan can see: assignments of living principals only. */
  function expectPerPrincipalResult(result: ReadResult): void {
    const s = result.snapshot;
    const orphaned = new Set(expected.orphanedAssignments.map((a) => JSON.stringify(a)));
    expectSameSet(
      "assignments",
      s.assignments,
      expected.assignments.filter((a) => !orphaned.has(JSON.stringify(a))),
    );
    expectSameSet("access", s.access, expected.access);
    expect(s.orphanedAssignments).toEqual([]);
    expectSameSet("users", s.users, expected.users);
    expectSameSet("memberships", s.memberships, expected.memberships);
    expectSameSet("permissionSets", s.permissionSets, expected.permissionSets);
    const calls = sandbox.counters.snapshot().byAction;
    expect(calls[FOR_PRINCIPAL]?.total).toBe(expected.users.length + expected.groups.length);
    for (const action of PER_ACCOUNT) expect(calls[action]).toBeUndefined();
  }

  it("organizations:ListAccounts denied: same access, accounts named through DescribeAccount, a warning", async () => {
    sandbox.setFaults({ deniedActions: ["organizations:ListAccounts"] });
    const result = await read(sandbox, connect);
    expectPerPrincipalResult(result);
    const assigned = new Set(result.snapshot.assignments.map((a) => a.accountId));
    expectSameSet(
      "accounts",
      result.snapshot.accounts,
      expected.accounts.filter((a) => assigned.has(a.accountId)),
    );
    expect(sandbox.counters.count("organizations:DescribeAccount")).toBe(assigned.size);
    expect(result.warnings.map(({ code, action }) => ({ code, action }))).toEqual([
      { code: "access_denied", action: "organizations:ListAccounts" },
    ]);
    expect(result.warnings[0]?.message).toContain("per user and group");
  });

  it("organizations:ListAccounts and DescribeAccount denied: accounts known by id only, two warnings", async () => {
    sandbox.setFaults({ deniedActions: ["organizations:ListAccounts", "organizations:DescribeAccount"] });
    const result = await read(sandbox, connect);
    expectPerPrincipalResult(result);
    for (const a of result.snapshot.accounts)
      expect(a).toMatchObject({ name: null, email: null, status: null });
    expect(result.warnings.map((w) => w.action).sort()).toEqual([
      "organizations:DescribeAccount",
      "organizations:ListAccounts",
    ]);
    expect(sandbox.counters.count("organizations:DescribeAccount")).toBeLessThanOrEqual(4);
  });

  it("ListAccountAssignmentsForPrincipal is then required: denied, it fails the read", async () => {
    sandbox.setFaults({ deniedActions: ["organizations:ListAccounts", FOR_PRINCIPAL] });
    await expect(read(sandbox, connect)).rejects.toMatchObject({
      code: "access_denied",
      action: FOR_PRINCIPAL,
    });
    await expect(read(sandbox, connect)).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("an account in no organization: an account instance, read per principal, with a warning", async () => {
    sandbox.setFaults({ organizationsNotInUse: true });
    const result = await read(sandbox, connect);
    expectPerPrincipalResult(result);
    expect(result.snapshot.instance.type).toBe("ACCOUNT");
    for (const a of result.snapshot.accounts) expect(a).toMatchObject({ name: null, tags: {} });
    expect(result.warnings.map((w) => w.code)).toEqual(["not_in_organization"]);
  });
});

describe("an account instance", () => {
  let sandbox: Sandbox;
  let connect: ConnectValues;
  let expected: Snapshot;

  beforeAll(async () => {
    sandbox = await startSandbox({
      generate: { users: 40, groups: 6, accounts: 4, permissionSets: 0, instanceType: "ACCOUNT", seed: 8 },
    });
    connect = sandbox.connectValues();
    expected = expectedSnapshot(sandbox.world);
  });
  afterAll(() => sandbox.close());
  beforeEach(() => {
    sandbox.counters.reset();
    sandbox.setFaults({ deniedActions: [] });
  });

  it("has no permission sets to read when DescribeInstance says so", async () => {
    const result = await read(sandbox, connect);
    expectSnapshot(result.snapshot, expected);
    expect(result.snapshot.instance.type).toBe("ACCOUNT");
    expect(result.warnings).toEqual([]);
    const calls = sandbox.counters.snapshot().byAction;
    for (const action of ["sso:ListPermissionSets", FOR_PRINCIPAL, ...PER_ACCOUNT])
      expect(calls[action]).toBeUndefined();
  });

  it("is read per principal when DescribeInstance is denied", async () => {
    sandbox.setFaults({ deniedActions: ["sso:DescribeInstance"] });
    const result = await read(sandbox, connect);
    expectSnapshot(result.snapshot, expected);
    expect(result.warnings.map((w) => w.action)).toEqual(["sso:DescribeInstance"]);
    expect(sandbox.counters.count(FOR_PRINCIPAL)).toBe(expected.users.length + expected.groups.length);
    expect(sandbox.counters.count("sso:ListPermissionSets")).toBe(1);
  });
});
