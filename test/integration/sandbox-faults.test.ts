// Injected faults as the SDK sees them: rate limits per AWS's quota shapes, 5xx, denials, latency.
import { ListGroupsCommand, ListUsersCommand, IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { ListAccountsCommand } from "@aws-sdk/client-organizations";
import {
  DescribeInstanceCommand,
  ListAccountAssignmentsCommand,
  ListInstancesCommand,
  ListPermissionSetsCommand,
} from "@aws-sdk/client-sso-admin";
import { afterEach, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";
import {
  accountIdOf,
  assumeRole,
  clients,
  INSTANCE,
  PS_ADMIN,
  rejection,
  statusOf,
  STORE,
  testWorld,
  type Clients,
} from "./sandbox-test-world.js";

let sandbox: Sandbox | undefined;

async function start(options: Omit<SandboxOptions, "world"> = {}): Promise<{ sb: Sandbox; c: Clients }> {
  const sb = await startSandbox({ world: testWorld(), ...options });
  sandbox = sb;
  return { sb, c: clients(sb, await assumeRole(sb)) };
}

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

const frozen = () => Date.parse("2026-05-01T10:00:00Z");

describe("sandbox faults", () => {
  it("throttles identitystore per API with 429 and RetryAfterSeconds", async () => {
    const { sb, c } = await start({ now: frozen, faults: { rateLimits: { identitystorePerApi: 2 } } });
    await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    const err = await rejection(c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })));
    expect(err.name).toBe("ThrottlingException");
    expect(statusOf(err)).toBe(429);
    expect(err.RetryAfterSeconds).toBe(1);
    expect(err.$retryable).toEqual({ throttling: true });
    // Another identitystore API has its own bucket.
    await c.identitystore.send(new ListGroupsCommand({ IdentityStoreId: STORE }));
    expect(sb.counters.snapshot().byAction["identitystore:ListUsers"]).toMatchObject({
      ok: 2,
      throttled: 1,
      total: 3,
    });
  });

  it("throttles all sso-admin APIs together with HTTP 400 ThrottlingException", async () => {
    const { c } = await start({ now: frozen, faults: { rateLimits: { ssoAdmin: 2 } } });
    await c.sso.send(new ListInstancesCommand({}));
    await c.sso.send(new ListPermissionSetsCommand({ InstanceArn: INSTANCE }));
    const err = await rejection(c.sso.send(new DescribeInstanceCommand({ InstanceArn: INSTANCE })));
    expect(err.name).toBe("ThrottlingException");
    expect(statusOf(err)).toBe(400);
    expect(err.message).toBe("There are too many requests processing");
  });

  it("throttles organizations with TooManyRequestsException, 400 by default or 429", async () => {
    const { sb, c } = await start({ now: frozen, faults: { rateLimits: { organizations: 1 } } });
    await c.organizations.send(new ListAccountsCommand({}));
    const err400 = await rejection(c.organizations.send(new ListAccountsCommand({})));
    expect(err400.name).toBe("TooManyRequestsException");
    expect(statusOf(err400)).toBe(400);
    sb.setFaults({ organizationsThrottleStatus: 429 });
    const err429 = await rejection(c.organizations.send(new ListAccountsCommand({})));
    expect(statusOf(err429)).toBe(429);
  });

  it("is retried by the SDK after RetryAfterSeconds when attempts remain", async () => {
    const { sb } = await start({ faults: { rateLimits: { identitystorePerApi: 1 } } });
    const client = new IdentitystoreClient({
      endpoint: sb.url,
      region: sb.world.region,
      credentials: await assumeRole(sb, "retry"),
    });
    await client.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    const second = await client.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    expect(second.$metadata.attempts).toBe(2);
    expect(sb.counters.snapshot().byAction["identitystore:ListUsers"]).toMatchObject({ ok: 2, throttled: 1 });
  });

  it("answers a seeded, reproducible share of calls with 5xx", async () => {
    const { sb, c } = await start({ faults: { errorRate5xx: 1 } });
    const is = await rejection(c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })));
    expect([is.name, statusOf(is), is.$fault]).toEqual(["InternalServerException", 500, "server"]);
    const sso = await rejection(c.sso.send(new ListInstancesCommand({})));
    expect([sso.name, statusOf(sso)]).toEqual(["InternalServerException", 500]);
    const org = await rejection(c.organizations.send(new ListAccountsCommand({})));
    expect([org.name, statusOf(org)]).toEqual(["ServiceException", 500]);

    const pattern = async (): Promise<boolean[]> => {
      sb.setFaults({ errorRate5xx: 0.5, seed: 42 });
      const out: boolean[] = [];
      for (let i = 0; i < 16; i++) {
        out.push(
          await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE })).then(
            () => true,
            () => false,
          ),
        );
      }
      return out;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first).toContain(true);
    expect(first).toContain(false);
    expect(sb.counters.count("identitystore:ListUsers", "failed")).toBe(
      1 + first.filter((ok) => !ok).length * 2,
    );
  });

  it("denies chosen IAM actions with AccessDeniedException 403 naming the action and the session", async () => {
    const { sb, c } = await start({ faults: { deniedActions: ["sso:ListAccountAssignments"] } });
    const err = await rejection(
      c.sso.send(
        new ListAccountAssignmentsCommand({
          InstanceArn: INSTANCE,
          AccountId: accountIdOf(1),
          PermissionSetArn: PS_ADMIN,
        }),
      ),
    );
    expect(err.name).toBe("AccessDeniedException");
    expect(statusOf(err)).toBe(403);
    expect(err.message).toContain("assumed-role/IdcSyncReadOnly/idc-sync-test");
    expect(err.message).toContain("is not authorized to perform: sso:ListAccountAssignments");
    await c.sso.send(new ListInstancesCommand({}));
    expect(sb.counters.count("sso:ListAccountAssignments", "denied")).toBe(1);
  });

  it("delays answers by latencyMs and takes fault changes over the admin route", async () => {
    const { sb, c } = await start();
    const res = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ latencyMs: 40 }),
    });
    expect(await res.json()).toMatchObject({ latencyMs: 40, rateLimits: false });
    const started = performance.now();
    await c.identitystore.send(new ListUsersCommand({ IdentityStoreId: STORE }));
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    const bad = await fetch(`${sb.url}/_sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ errorRate5xx: 2 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("errorRate5xx");
  });
});
