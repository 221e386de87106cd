// Sign-in activity end to end: a generated sandbox organization with 90 days of CloudTrail history,
// synced through the real connector and AWS SDK into a real (SQLite) store. The first sync commits
// without waiting for the 90 days (CloudTrail at its 2 requests a second here) and the inactivity
// rules stay silent; the backfill turns read the rest; then lastSignInAt and lastUsedAt equal the
// sandbox's truth for every user and access row; the next sync reads only new events (counted
// calls); the inactivity findings follow the truth; and a denied cloudtrail:LookupEvents is a
// warning, a Missing-permission row and no inactivity finding.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readActivityOnly, readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { ActivityBackfill } from "../../src/engine/activity-backfill.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { connectionActivityReader, connectionReader } from "../../src/engine/sync-read.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { connectionCapabilities } from "../../src/http/capabilities.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";

const PLATFORM = { accessKeyId: "AKIAACTIVITYTEST0001", secretAccessKey: "platform-secret" };
const DAY = 86_400_000;

let dir: string;
let store: KyselyStore;
let sandbox: Sandbox;
let orgId: string;
let runner: SyncRunner;
let backfill: ActivityBackfill;

async function connect(name: string): Promise<string> {
  const v = sandbox.connectValues();
  const c = await store.createConnection(orgId, {
    name,
    values: {
      roleArn: v.roleArn,
      region: v.region,
      identityStoreId: v.identityStoreId,
      instanceArn: v.instanceArn,
    },
    endpointUrl: v.endpoint,
  });
  return c.id;
}

function lookups(): number {
  return sandbox.counters.snapshot().byAction["cloudtrail:LookupEvents"]?.total ?? 0;
}

async function sync(connectionId: string) {
  const run = await runner.run(orgId, connectionId);
  expect(run.error).toBeNull();
  return run;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-activity-"));
  store = await openStore({ dataDir: dir });
  const org = await store.createOrganization("Activity");
  orgId = org.id;
  sandbox = await startSandbox({
    generate: { users: 80, groups: 10, accounts: 5, permissionSets: 5, seed: 5 },
    trust: { externalId: org.externalId },
    activity: { seed: 5 },
  });
  const read = connectionReader({
    read: (options) =>
      readIdentityCenter({
        ...options,
        platformCredentials: PLATFORM,
        budget: new RequestBudget({ enabled: false }),
      }),
  });
  runner = new SyncRunner({ store, read });
  backfill = new ActivityBackfill({
    store,
    read: connectionActivityReader({
      read: (options) =>
        readActivityOnly({
          ...options,
          platformCredentials: PLATFORM,
          budget: new RequestBudget({ enabled: false }),
        }),
    }),
    // Short turns: several of them read the 90 days.
    turnMs: 50,
  });
});

afterAll(async () => {
  await sandbox.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sign-in activity through a sync", () => {
  let connectionId: string;

  it("commits the first sync without waiting for the 90 days; the inactivity rules wait for them", async () => {
    connectionId = await connect("activity");
    // CloudTrail's own pace: the identity read ends long before 90 days of history are read.
    sandbox.setFaults({ rateLimits: { cloudtrail: 2 } });
    try {
      const run = await sync(connectionId);
      expect(run.warnings).toEqual([]);
    } finally {
      sandbox.setFaults({ rateLimits: false });
    }
    const state = await store.getActivityState(orgId, connectionId);
    expect(state).toMatchObject({ state: "available", stats: { pending: true } });
    expect(state.coverage?.backfilled).toBe(false);
    const usage = await store.getUsageSummary(orgId, connectionId);
    expect(usage).toMatchObject({ backfilled: false, activeLast90Days: null, neverSeen: null });
    const silent = await store.listFindings(orgId, {
      connectionId,
      rules: ["user.inactive", "access.unused"],
      limit: 10,
    });
    expect(silent.items).toEqual([]);
    expect(await backfill.pending()).toContainEqual({ orgId, connectionId });
  });

  it("stores lastSignInAt and lastUsedAt equal to the sandbox's truth once the turns have read the 90 days", async () => {
    sandbox.counters.reset();
    let turns = 0;
    const last = await backfill.toEnd(orgId, connectionId, undefined, () => turns++);
    expect(last?.status).toBe("read");
    expect(turns).toBeGreaterThan(1);
    expect(await backfill.pending()).not.toContainEqual({ orgId, connectionId });
    expect((await store.getActivityState(orgId, connectionId)).coverage?.backfilled).toBe(true);
    const truth = sandbox.activity.truth(Date.now());
    const exported = await store.exportConnection(orgId, connectionId);
    expect(exported.users).toHaveLength(truth.lastSignInAt.size);
    for (const u of exported.users)
      expect([u.userId, u.lastSignInAt]).toEqual([u.userId, truth.lastSignInAt.get(u.userId)]);
    expect(exported.access).toHaveLength(truth.lastUsedAt.size);
    for (const a of exported.access) {
      const key = `${a.userId}\n${a.accountId}\n${a.permissionSetArn}`;
      expect([key, a.lastUsedAt]).toEqual([key, truth.lastUsedAt.get(key)]);
    }
    // The truth has both kinds, so the equality above means something.
    expect(exported.users.some((u) => u.lastSignInAt === null)).toBe(true);
    expect(exported.access.some((a) => a.lastUsedAt !== null)).toBe(true);
    expect(lookups()).toBeGreaterThan(3);
    // The same values on the API's read models.
    const page = await store.listUsers(orgId, {
      connectionId,
      sort: "lastSignInAt",
      order: "desc",
      limit: 5,
    });
    const newest = [...truth.lastSignInAt.values()]
      .filter((t) => t !== null)
      .sort()
      .reverse();
    expect(page.items.map((u) => u.lastSignInAt)).toEqual(newest.slice(0, 5));
  });

  it("reads only the new events on the next sync (three lookups, one page each)", async () => {
    const user = sandbox.world.users.find((u) => u.UserStatus !== "DISABLED")?.UserId ?? "";
    const at = Date.now();
    sandbox.activity.record({ userId: user, kind: "Authenticate", atMs: at });
    sandbox.counters.reset();
    await sync(connectionId);
    expect(lookups()).toBe(3);
    const detail = await store.getUser(orgId, connectionId, user);
    expect(detail.user.lastSignInAt).toBe(new Date(Math.floor(at / 1000) * 1000).toISOString());
    const state = await store.getActivityState(orgId, connectionId);
    expect(state).toMatchObject({ state: "available", stats: { events: 1 } });
  });

  it("opens user.inactive for exactly the ENABLED users with access and no sign-in in 90 days", async () => {
    const truth = sandbox.activity.truth(Date.now());
    const exported = await store.exportConnection(orgId, connectionId);
    const withAccess = new Set(exported.access.map((a) => a.userId));
    const cutoff = new Date(Date.now() - 90 * DAY).toISOString();
    const expected = exported.users
      .filter((u) => u.status === "ENABLED" && withAccess.has(u.userId))
      .filter((u) => {
        const last = truth.lastSignInAt.get(u.userId) ?? null;
        return last === null || last < cutoff;
      })
      .map((u) => u.userId)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    const found = await store.listFindings(orgId, {
      connectionId,
      rules: ["user.inactive"],
      status: "open",
      limit: 1000,
    });
    expect(found.items.map((f) => f.userId).sort()).toEqual(expected);
    // access.unused: rows of ENABLED users not used in 90 days (all there at the first sync).
    const unused = await store.listFindings(orgId, {
      connectionId,
      rules: ["access.unused"],
      status: "open",
      limit: 1000,
    });
    const enabled = new Set(exported.users.filter((u) => u.status === "ENABLED").map((u) => u.userId));
    const expectedUnused = exported.access.filter((a) => enabled.has(a.userId) && a.lastUsedAt === null);
    expect(unused.items).toHaveLength(expectedUnused.length);
  });

  it("gives a usage summary per connection", async () => {
    const usage = await store.getUsageSummary(orgId, connectionId);
    const truth = [...sandbox.activity.truth(Date.now()).lastSignInAt.values()];
    const since30 = new Date(Date.now() - 30 * DAY).toISOString();
    expect(usage).toMatchObject({
      state: "available",
      users: truth.length,
      activeLast90Days: truth.filter((t) => t !== null).length,
      activeLast30Days: truth.filter((t) => t !== null && t >= since30).length,
      neverSeen: truth.filter((t) => t === null).length,
    });
    expect(usage.seatsHeldByInactive).toBeGreaterThan(0);
  });

  it("denied LookupEvents: a warning, a Missing-permission row 'Sign-in activity', no inactivity findings", async () => {
    // One connection per instance and organization: the denied case connects it afresh.
    await store.deleteConnection(orgId, connectionId);
    const denied = await connect("activity-denied");
    sandbox.setFaults({ deniedActions: ["cloudtrail:LookupEvents"] });
    try {
      const run = await sync(denied);
      expect(run.warnings).toEqual([
        expect.objectContaining({ code: "access_denied", action: "cloudtrail:LookupEvents" }),
      ]);
      const connection = await store.getConnection(orgId, denied);
      const row = connectionCapabilities(connection).find((c) => c.key === "signInActivity");
      expect(row).toMatchObject({
        name: "Sign-in activity",
        available: false,
        missingAction: "cloudtrail:LookupEvents",
      });
      const inactive = await store.listFindings(orgId, {
        connectionId: denied,
        rules: ["user.inactive"],
        limit: 10,
      });
      const unused = await store.listFindings(orgId, {
        connectionId: denied,
        rules: ["access.unused"],
        limit: 10,
      });
      expect([inactive.items, unused.items]).toEqual([[], []]);
      // Other findings still come.
      expect(
        (await store.listFindings(orgId, { connectionId: denied, limit: 1000 })).items.length,
      ).toBeGreaterThan(0);
      expect((await store.getUsageSummary(orgId, denied)).activeLast90Days).toBeNull();
      const exported = await store.exportConnection(orgId, denied);
      expect(exported.users.every((u) => u.lastSignInAt === null)).toBe(true);
    } finally {
      sandbox.setFaults({ deniedActions: [] });
    }
  });
});
