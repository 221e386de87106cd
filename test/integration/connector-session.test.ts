// The reader's edges: bad connection values fail before any AWS call; an instance or identity
// store the role does not see fails naming the field; credentials that expire in the middle of a
// read are renewed; a read stops when aborted; progress is reported.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readIdentityCenter, type ReadOptions } from "../../src/connectors/aws-identity-center/index.js";
import { ValidationError } from "../../src/domain/errors.js";
import type { ReadResult } from "../../src/domain/model.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox, type ConnectValues, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS, expectSnapshot, expectedSnapshot } from "./connector-expected.js";

let sandbox: Sandbox;
let connect: ConnectValues;
/** The sandbox's clock runs ahead of the real one by this much (credential expiry). */
let clockOffsetMs = 0;

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 450, groups: 12, accounts: 5, permissionSets: 4, otherInstances: 1, seed: 4 },
    trust: { sessionSeconds: 900 },
    now: () => Date.now() + clockOffsetMs,
  });
  connect = sandbox.connectValues();
});

afterAll(() => sandbox.close());

beforeEach(() => {
  clockOffsetMs = 0;
  sandbox.counters.reset();
  sandbox.setFaults({ deniedActions: [] });
});

function read(extra: Partial<ReadOptions> = {}): Promise<ReadResult> {
  return readIdentityCenter({
    values: connect,
    externalId: connect.externalId,
    connectionId: "conn-session",
    endpointUrl: connect.endpoint,
    platformCredentials: PLATFORM_CREDENTIALS,
    budget: new RequestBudget({ enabled: false }),
    ...extra,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe("bad connection values", () => {
  const cases: [string, Partial<ReadOptions["values"]> | { externalId: string }, string][] = [
    ["a malformed role ARN", { roleArn: "arn:aws:iam::12345:role/x" }, "roleArn"],
    ["an unknown region", { region: "us-moon-1" }, "region"],
    ["an identity store id of the wrong form", { identityStoreId: "d-12345" }, "identityStoreId"],
    ["a malformed instance ARN", { instanceArn: "arn:aws:sso:::instance/ssoins-short" }, "instanceArn"],
    ["an external id with spaces", { externalId: "not valid" }, "externalId"],
  ];
  it.each(cases)("%s fails before any AWS call, naming the field", async (_name, change, field) => {
    const { externalId, ...values } = { externalId: connect.externalId, ...change };
    const err = await failure(read({ values: { ...connect, ...values }, externalId }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field });
    expect(sandbox.counters.snapshot().total.total).toBe(0);
  });
});

describe("an instance the role does not see as given", () => {
  it("names the Instance ARN and lists the instances the role sees", async () => {
    const other = sandbox.world.otherInstances[0];
    const unknown = connect.instanceArn.replace(/.{4}$/, "zzzz");
    const err = await failure(read({ values: { ...connect, instanceArn: unknown } }));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err).toMatchObject({ field: "instanceArn" });
    expect((err as Error).message).toContain(connect.instanceArn);
    expect((err as Error).message).toContain(other?.InstanceArn);
    expect(Object.keys(sandbox.counters.snapshot().byAction).sort()).toEqual([
      "sso:ListInstances",
      "sts:AssumeRole",
    ]);
  });

  it("names the Identity Store ID when it belongs to another instance", async () => {
    const other = sandbox.world.otherInstances[0];
    const err = await failure(
      read({ values: { ...connect, identityStoreId: other?.IdentityStoreId ?? "" } }),
    );
    expect(err).toMatchObject({ field: "identityStoreId" });
    expect((err as Error).message).toContain(connect.identityStoreId);
    expect((err as Error).message).toContain(other?.InstanceArn);
  });
});

describe("a read longer than its credentials", () => {
  it("renews credentials that expire in the middle and completes", async () => {
    let jumped = false;
    const result = await read({
      onProgress: (p) => {
        // After the first page of users, the session's 15 minutes are over.
        if (!jumped && p.phase === "users") {
          jumped = true;
          clockOffsetMs = 60 * 60_000;
        }
      },
    });
    expect(jumped).toBe(true);
    expectSnapshot(result.snapshot, expectedSnapshot(sandbox.world));
    const assumed = sandbox.counters.snapshot().assumeRoleCalls.filter((c) => c.outcome === "ok");
    expect(assumed.length).toBeGreaterThanOrEqual(2);
    expect(result.stats.callsByAction["sts:AssumeRole"]).toBe(assumed.length);
    expect(sandbox.counters.snapshot().total.total).toBeGreaterThan(0);
  });
});

describe("abort and progress", () => {
  it("stops when aborted, rejecting with the reason", async () => {
    const controller = new AbortController();
    const reason = new Error("stop now");
    const err = await failure(
      read({
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === "users") controller.abort(reason);
        },
      }),
    );
    expect(err).toBe(reason);
    const calls = sandbox.counters.snapshot().total.total;
    // A whole read takes several times as many calls.
    expect(calls).toBeLessThan(40);
  });

  it("reports every phase with running totals", async () => {
    const last = new Map<string, number>();
    const result = await read({ onProgress: (p) => last.set(p.phase, p.done) });
    const s = result.snapshot;
    expect(Object.fromEntries(last)).toEqual({
      users: s.users.length,
      groups: s.groups.length,
      memberships: s.memberships.length,
      permissionSets: s.permissionSets.length,
      accounts: s.accounts.length,
      assignments: s.assignments.length,
    });
  });
});
