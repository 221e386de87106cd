// The connector's AWS runtime through the real AWS SDK against the sandbox: AssumeRole with
// ExternalId, the call meter, throttling absorbed by budget and retries, expired credentials
// refreshed, errors classified with the IAM action.
import { ListUsersCommand, paginateListGroups, paginateListUsers } from "@aws-sdk/client-identitystore";
import { ListAccountsCommand, paginateListAccounts } from "@aws-sdk/client-organizations";
import {
  DescribePermissionSetCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
} from "@aws-sdk/client-sso-admin";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createIdcClients } from "../../src/connectors/aws-identity-center/clients.js";
import type {
  CreateIdcClientsOptions,
  IdcClients,
} from "../../src/connectors/aws-identity-center/clients.js";
import { parseConnectionValues } from "../../src/domain/connection-values.js";
import { AccessDeniedError, FatalError } from "../../src/domain/errors.js";
import type { ConnectionValues } from "../../src/domain/model.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { startSandbox } from "../../src/sandbox/index.js";
import type { ConnectValues, Sandbox } from "../../src/sandbox/index.js";

let sandbox: Sandbox;
let connect: ConnectValues;
let values: ConnectionValues;
/** The sandbox's clock runs ahead of the real one by this much (credential expiry). */
let clockOffsetMs = 0;
const open: IdcClients[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({
    generate: { users: 230, groups: 12, accounts: 45, permissionSets: 4, seed: 7 },
    now: () => Date.now() + clockOffsetMs,
  });
  connect = sandbox.connectValues();
  values = parseConnectionValues(connect);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(() => {
  clockOffsetMs = 0;
  sandbox.counters.reset();
  sandbox.setFaults({ rateLimits: false, deniedActions: [], errorRate5xx: 0, latencyMs: 0 });
});

afterEach(() => {
  for (const c of open.splice(0)) c.destroy();
});

function clients(extra: Partial<CreateIdcClientsOptions> = {}): IdcClients {
  const c = createIdcClients({
    values,
    externalId: connect.externalId,
    connectionId: "conn-runtime-1",
    endpointUrl: connect.endpoint,
    platformCredentials: { accessKeyId: "AKIAPLATFORMEXAMPLE1", secretAccessKey: "platform-secret" },
    budget: new RequestBudget({ enabled: false }),
    retry: { baseDelayMs: 5, throttleBaseDelayMs: 20 },
    ...extra,
  });
  open.push(c);
  return c;
}

describe("connector runtime against the sandbox", () => {
  it("assumes the customer's role once, with the ExternalId and an idc-sync session name", async () => {
    const c = clients();
    await c.ssoAdmin.send(new ListInstancesCommand({}));
    await c.identityStore.send(
      new ListUsersCommand({ IdentityStoreId: values.identityStoreId, MaxResults: 5 }),
    );
    await c.organizations.send(new ListAccountsCommand({}));
    const calls = sandbox.counters.snapshot().assumeRoleCalls;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      outcome: "ok",
      roleArn: values.roleArn,
      externalId: connect.externalId,
      roleSessionName: "idc-sync-conn-runtime-1",
      durationSeconds: 3600,
    });
    expect(c.meter.stats().callsByAction["sts:AssumeRole"]).toBe(1);
  });

  it("counts every call by IAM action, as the sandbox saw them", async () => {
    const c = clients();
    let users = 0;
    for await (const page of paginateListUsers(
      { client: c.identityStore, pageSize: 100 },
      { IdentityStoreId: values.identityStoreId },
    )) {
      users += page.Users?.length ?? 0;
    }
    for await (const _ of paginateListGroups(
      { client: c.identityStore },
      { IdentityStoreId: values.identityStoreId },
    )) {
      // pages only counted
    }
    let accounts = 0;
    for await (const page of paginateListAccounts({ client: c.organizations, pageSize: 20 }, {})) {
      accounts += page.Accounts?.length ?? 0;
    }
    expect(users).toBe(230);
    expect(accounts).toBe(45);
    const seen = Object.fromEntries(
      Object.entries(sandbox.counters.snapshot().byAction).map(([action, counts]) => [action, counts.total]),
    );
    const stats = c.meter.stats();
    expect(stats.callsByAction).toEqual(seen);
    expect(stats.callsByAction["identitystore:ListUsers"]).toBe(3);
    expect(stats.callsByAction["organizations:ListAccounts"]).toBeGreaterThanOrEqual(3);
    expect(stats.retries).toBe(0);
  });

  it("rides out throttling: every call succeeds and the meter counts the throttles", async () => {
    sandbox.setFaults({ rateLimits: { ssoAdmin: 4, identitystorePerApi: 4, organizations: 3 } });
    const c = clients({
      budget: new RequestBudget({ rates: { sso: 50, identitystore: 50, organizations: 50 } }),
    });
    const { PermissionSets = [] } = await c.ssoAdmin.send(
      new ListPermissionSetsCommand({ InstanceArn: values.instanceArn }),
    );
    const sso = Array.from({ length: 10 }, (_, i) =>
      c.ssoAdmin.send(
        new DescribePermissionSetCommand({
          InstanceArn: values.instanceArn,
          PermissionSetArn: PermissionSets[i % PermissionSets.length],
        }),
      ),
    );
    const ids = Array.from({ length: 8 }, () =>
      c.identityStore.send(new ListUsersCommand({ IdentityStoreId: values.identityStoreId, MaxResults: 1 })),
    );
    const org = Array.from({ length: 6 }, () =>
      c.organizations.send(new ListAccountsCommand({ MaxResults: 1 })),
    );
    const results = await Promise.all([...sso, ...ids, ...org]);
    expect(results).toHaveLength(24);
    const stats = c.meter.stats();
    const sandboxThrottled = sandbox.counters.snapshot().total.throttled;
    expect(sandboxThrottled).toBeGreaterThan(0);
    expect(stats.throttles).toBe(sandboxThrottled);
    expect(stats.retries).toBeGreaterThanOrEqual(sandboxThrottled);
  });

  it("refreshes credentials the sandbox expired early and completes the call", async () => {
    const c = clients();
    await c.ssoAdmin.send(new ListInstancesCommand({}));
    // Two hours later by the sandbox's clock: the cached session (1 h) has expired there, while the
    // SDK, on the real clock, still thinks it good.
    clockOffsetMs = 2 * 3_600_000;
    const out = await c.identityStore.send(
      new ListUsersCommand({ IdentityStoreId: values.identityStoreId, MaxResults: 2 }),
    );
    expect(out.Users).toHaveLength(2);
    const snapshot = sandbox.counters.snapshot();
    expect(snapshot.assumeRoleCalls.map((call) => call.outcome)).toEqual(["ok", "ok"]);
    expect(snapshot.byAction["identitystore:ListUsers"]).toMatchObject({ total: 2, ok: 1, denied: 1 });
    // Other clients use the refreshed credentials without another AssumeRole.
    await c.organizations.send(new ListAccountsCommand({}));
    expect(sandbox.counters.snapshot().assumeRoleCalls).toHaveLength(2);
    expect(c.meter.stats().retries).toBe(1);
  });

  it("follows AWS_ENDPOINT_URL when no endpoint is given, for STS too", async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = connect.endpoint;
    try {
      const c = createIdcClients({
        values,
        externalId: connect.externalId,
        connectionId: "conn-env",
        platformCredentials: { accessKeyId: "AKIAPLATFORMEXAMPLE1", secretAccessKey: "platform-secret" },
        budget: new RequestBudget({ enabled: false }),
      });
      open.push(c);
      await c.ssoAdmin.send(new ListInstancesCommand({}));
      expect(sandbox.counters.snapshot().assumeRoleCalls[0]?.roleSessionName).toBe("idc-sync-conn-env");
      expect(sandbox.counters.count("sso:ListInstances")).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = saved;
    }
  });

  it("names sts:AssumeRole when the ExternalId is wrong", async () => {
    const c = clients({ externalId: "not-the-organizations-external-id" });
    const err = await c.ssoAdmin.send(new ListInstancesCommand({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect((err as AccessDeniedError).action).toBe("sts:AssumeRole");
    expect((err as AccessDeniedError).message).toContain("sts:ExternalId");
    expect(sandbox.counters.snapshot().assumeRoleCalls[0]).toMatchObject({
      outcome: "denied",
      externalId: "not-the-organizations-external-id",
    });
  });

  it("chains through the platform role first, then assumes the customer's role with its credentials", async () => {
    // A second sandbox whose role trusts any ExternalId, so that the platform hop can be the same
    // role; the sandbox refuses role sessions as callers, which shows the second hop used the first.
    const other = await startSandbox({
      generate: { users: 1, groups: 1, accounts: 1, seed: 3 },
      trust: { anyExternalId: true },
    });
    try {
      const cv = other.connectValues();
      const c = createIdcClients({
        values: parseConnectionValues(cv),
        externalId: cv.externalId,
        connectionId: "conn-chain",
        platformRoleArn: cv.roleArn,
        endpointUrl: cv.endpoint,
        platformCredentials: { accessKeyId: "AKIAPLATFORMEXAMPLE1", secretAccessKey: "platform-secret" },
        budget: new RequestBudget({ enabled: false }),
      });
      open.push(c);
      const err = await c.ssoAdmin.send(new ListInstancesCommand({})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AccessDeniedError);
      const calls = other.counters.snapshot().assumeRoleCalls;
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatchObject({ outcome: "ok", roleSessionName: "idc-sync-platform" });
      expect(calls[0]?.externalId).toBeUndefined();
      expect(calls[1]).toMatchObject({
        outcome: "denied",
        roleSessionName: "idc-sync-conn-chain",
        externalId: cv.externalId,
      });
      expect(calls[1]?.callerArn).toContain(":assumed-role/");
    } finally {
      await other.close();
    }
  });

  it("names the denied IAM action of a data call", async () => {
    sandbox.setFaults({ deniedActions: ["organizations:ListAccounts"] });
    const c = clients();
    const err = await c.organizations.send(new ListAccountsCommand({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect((err as AccessDeniedError).action).toBe("organizations:ListAccounts");
    expect(c.meter.stats().retries).toBe(0);
  });

  it("gives up on 5xx after maxAttempts with a retryable error", async () => {
    sandbox.setFaults({ errorRate5xx: 1 });
    const c = clients({ maxAttempts: 3 });
    const err = await c.ssoAdmin.send(new ListInstancesCommand({})).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "retryable", throttled: false });
    expect(c.meter.stats().callsByAction["sso:ListInstances"]).toBe(3);
    expect(err).not.toBeInstanceOf(FatalError);
  });

  it("stops waiting for the budget when the sync is aborted", async () => {
    const controller = new AbortController();
    const c = clients({
      budget: new RequestBudget({ rates: { sso: 0.5 }, burst: 1 }),
      signal: controller.signal,
    });
    await c.ssoAdmin.send(new ListInstancesCommand({}));
    const waiting = c.ssoAdmin.send(new ListInstancesCommand({})).catch((e: unknown) => e);
    controller.abort(new Error("sync cancelled"));
    expect(await waiting).toMatchObject({ message: "sync cancelled" });
    expect(c.meter.stats().callsByAction["sso:ListInstances"]).toBe(1);
  });
});
