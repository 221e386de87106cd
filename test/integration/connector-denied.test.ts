// Each action denied in turn (the sandbox answers AccessDenied for it): a required one fails the
// read naming exactly that action; an optional one leaves the snapshot complete but for its part,
// with one warning naming the action.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { AccessDeniedError } from "../../src/domain/errors.js";
import type { ReadResult, Snapshot } from "../../src/domain/model.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox, type ConnectValues, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS, expectSnapshot, expectedSnapshot } from "./connector-expected.js";

let sandbox: Sandbox;
let connect: ConnectValues;
let expected: Snapshot;

function read(): Promise<ReadResult> {
  return readIdentityCenter({
    values: connect,
    externalId: connect.externalId,
    connectionId: "conn-denied",
    endpointUrl: connect.endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
  });
}

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 60, groups: 8, accounts: 6, permissionSets: 8, seed: 3 },
  });
  connect = sandbox.connectValues();
  expected = expectedSnapshot(sandbox.world);
  // The parts the optional actions read are really there to lose.
  expect(expected.permissionSets.some((p) => Object.keys(p.tags).length > 0)).toBe(true);
  expect(expected.permissionSets.some((p) => p.permissionsBoundary !== null)).toBe(true);
  expect(expected.accounts.some((a) => Object.keys(a.tags).length > 0)).toBe(true);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  sandbox.counters.reset();
  sandbox.setFaults({ deniedActions: [] });
});

const REQUIRED = [
  "sts:AssumeRole",
  "sso:ListInstances",
  "identitystore:ListUsers",
  "identitystore:ListGroups",
  "identitystore:ListGroupMemberships",
  "sso:ListPermissionSets",
  "sso:DescribePermissionSet",
  "sso:ListManagedPoliciesInPermissionSet",
  "sso:ListCustomerManagedPolicyReferencesInPermissionSet",
  "sso:GetInlinePolicyForPermissionSet",
  "sso:ListPermissionSetsProvisionedToAccount",
  "sso:ListAccountAssignments",
];

describe("a required action denied", () => {
  it.each(REQUIRED)("%s fails the read, naming exactly that action", async (action) => {
    sandbox.setFaults({ deniedActions: [action] });
    const err = await read().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err).toMatchObject({ code: "access_denied", action });
    expect((err as Error).message).toContain(action);
    expect(sandbox.counters.count(action, "denied")).toBeGreaterThan(0);
  });
});

/** The expected snapshot with one part lost. */
function without(change: (s: Snapshot) => Snapshot): Snapshot {
  // The access rows are read-only (and not cloneable): shared, the rest copied.
  const { access, ...rest } = expected;
  return change({ ...structuredClone(rest), access });
}

const OPTIONAL: [string, () => Snapshot][] = [
  ["sso:DescribeInstance", () => expected],
  [
    "organizations:DescribeOrganization",
    () => without((s) => ({ ...s, instance: { ...s.instance, type: null } })),
  ],
  [
    "sso:ListTagsForResource",
    () => without((s) => ({ ...s, permissionSets: s.permissionSets.map((p) => ({ ...p, tags: {} })) })),
  ],
  [
    "sso:GetPermissionsBoundaryForPermissionSet",
    () =>
      without((s) => ({
        ...s,
        permissionSets: s.permissionSets.map((p) => ({ ...p, permissionsBoundary: null })),
      })),
  ],
  [
    "organizations:ListTagsForResource",
    () => without((s) => ({ ...s, accounts: s.accounts.map((a) => ({ ...a, tags: {} })) })),
  ],
];

describe("an optional action denied", () => {
  it.each(OPTIONAL)("%s: the snapshot is complete but for its part, with a warning", async (action, lost) => {
    sandbox.setFaults({ deniedActions: [action] });
    const result = await read();
    expectSnapshot(result.snapshot, lost());
    expect(result.warnings.map(({ code, action }) => ({ code, action }))).toEqual([
      { code: "access_denied", action },
    ]);
    expect(result.warnings[0]?.message).toContain(action);
    expect(sandbox.counters.count(action, "denied")).toBeGreaterThan(0);
  });
});
