// The single process on SQLite (the embedded scheduler, what `npm start` runs): each sync runs in
// its own worker thread on the same database file, as on PostgreSQL. A sync commits from its
// thread; one over its memory limit fails alone with the named error while the service answers
// GET /api/health throughout and can still sync; a cancel stops a running sync with nothing stored.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { ManualTimer } from "../../src/scheduler/timer.js";
import { startSandbox, type GenerateOptions, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_CREDENTIALS } from "../api/harness.js";

const TOKEN = "idcs_embedded-thread-test-admin-token";
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Service {
  app: App;
  url: string;
  connect(generate: GenerateOptions, name: string): Promise<{ id: string; sandbox: Sandbox }>;
  api(method: "GET" | "POST", path: string): Promise<{ status: number; body: unknown }>;
  /** Resolves with the error (or undefined) of the connection's next run. */
  settled(connectionId: string): Promise<unknown>;
}

async function startService(env: Record<string, string> = {}): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-embedded-thread-"));
  const app = await createApp(
    parseConfig({
      IDC_SYNC_DATA_DIR: dir,
      IDC_SYNC_ADMIN_TOKEN: TOKEN,
      IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
      ...env,
    }),
    {
      demo: "off",
      logger: false,
      webRoot: null,
      refreshMs: 0,
      // No scheduled run fires on its own: the test starts each one.
      timer: new ManualTimer(Date.now()),
      platformCredentials: PLATFORM_CREDENTIALS,
      detectCredentials: () => Promise.resolve(true),
    },
  );
  cleanups.push(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const url = (await app.listen(0, "127.0.0.1")).replace("0.0.0.0", "127.0.0.1");
  const api = async (method: "GET" | "POST", path: string) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}` } });
    const text = await res.text();
    return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
  };
  return {
    app,
    url,
    api,
    async connect(generate, name) {
      const sandbox = await startSandbox({
        generate,
        trust: { externalId: app.organization.externalId },
        // No CloudTrail (an optional extra): its sign-in history at 2 requests a second is not this test's.
        faults: { deniedActions: ["cloudtrail:LookupEvents"] },
      });
      cleanups.push(() => sandbox.close());
      const v = sandbox.connectValues();
      const c = await app.store.createConnection(app.organization.id, {
        values: {
          roleArn: v.roleArn,
          region: v.region,
          identityStoreId: v.identityStoreId,
          instanceArn: v.instanceArn,
        },
        endpointUrl: v.endpoint,
        name,
      });
      return { id: c.id, sandbox };
    },
    settled: (connectionId) =>
      new Promise((resolve) => {
        const listener = (id: string, err: unknown) => {
          if (id !== connectionId) return;
          app.scheduler.events.off("settled", listener);
          resolve(err);
        };
        app.scheduler.events.on("settled", listener);
      }),
  };
}

describe("the single process on SQLite runs each sync in its own worker thread", () => {
  it("a sync reads and commits from its thread; the service shows its progress meanwhile", async () => {
    const s = await startService();
    const { id } = await s.connect(
      { users: 40, groups: 5, accounts: 3, permissionSets: 3, seed: 21 },
      "small",
    );
    const progress: unknown[] = [];
    const report = s.app.scheduler.reportProgress.bind(s.app.scheduler);
    s.app.scheduler.reportProgress = (c, p) => {
      progress.push(p);
      report(c, p);
    };
    const done = s.settled(id);
    const started = await s.api("POST", `/api/connections/${id}/sync`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(await done).toBeUndefined();
    const c = await s.app.store.getConnection(s.app.organization.id, id);
    expect(c.state).toBe("connected");
    expect((await s.app.store.getConnectionCounts(s.app.organization.id, id)).users).toBe(40);
    expect(progress.length).toBeGreaterThan(0);
    // The metrics count it from its stored run (AWS calls included), as they do a thread-less sync.
    const metrics = await fetch(`${s.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/idc_sync_syncs_total\{outcome="succeeded"\} 1/);
    expect(metrics).toMatch(/idc_sync_aws_calls_total\{action="identitystore:ListUsers"\} [1-9]/);
  });

  it("over its memory limit: the sync fails alone with the named error while GET /api/health answers throughout", async () => {
    // 32 MB holds the small sync but not the read of 3,000 users.
    const s = await startService({ IDC_SYNC_SYNC_MEMORY_MB: "32" });
    const big = await s.connect({ users: 3000, groups: 3, accounts: 2, permissionSets: 2, seed: 22 }, "big");
    const done = s.settled(big.id);
    let ended = false;
    void done.then(() => (ended = true));
    const started = await s.api("POST", `/api/connections/${big.id}/sync`);
    expect(started.status).toBe(202);
    // Health is asked back to back until the sync has ended: every answer 200, none slow.
    const answers: { status: number; ms: number }[] = [];
    while (!ended) {
      const t = performance.now();
      const res = await fetch(`${s.url}/api/health`);
      await res.text();
      answers.push({ status: res.status, ms: performance.now() - t });
    }
    const err = (await done) as { code?: string; message?: string };
    expect(err.code).toBe("sync_memory_limit");
    expect(err.message).toBe("sync exceeded its memory limit of 32 MB; raise IDC_SYNC_SYNC_MEMORY_MB");
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(1000);

    const org = s.app.organization.id;
    const c = await s.app.store.getConnection(org, big.id);
    expect(c.state).toBe("error");
    expect(c.lastSyncedAt).toBeNull();
    expect((await s.app.store.getConnectionCounts(org, big.id)).users).toBe(0);
    const runs = await s.api("GET", `/api/connections/${big.id}/runs`);
    expect(JSON.stringify(runs.body)).toContain("raise IDC_SYNC_SYNC_MEMORY_MB");

    // The service goes on: it answers, and another (small) sync commits on the same database.
    const small = await s.connect(
      { users: 20, groups: 2, accounts: 2, permissionSets: 2, seed: 23 },
      "small",
    );
    const next = s.settled(small.id);
    expect((await s.api("POST", `/api/connections/${small.id}/sync`)).status).toBe(202);
    expect(await next).toBeUndefined();
    expect((await s.app.store.getConnectionCounts(org, small.id)).users).toBe(20);
    expect(
      (await fetch(`${s.url}/metrics`).then((r) => r.text())).includes('outcome="sync_memory_limit"'),
    ).toBe(true);
  });

  it("cancel stops a running sync in its thread: the run ends cancelled and nothing is stored", async () => {
    const s = await startService();
    const { id, sandbox } = await s.connect(
      { users: 40, groups: 5, accounts: 3, permissionSets: 3, seed: 24 },
      "slow",
    );
    // Every AWS call takes a while: the sync is still reading when the cancel comes.
    sandbox.setFaults({ latencyMs: 300 });
    const done = s.settled(id);
    expect((await s.api("POST", `/api/connections/${id}/sync`)).status).toBe(202);
    expect(s.app.scheduler.isRunning(id)).toBe(true);
    const cancel = await s.api("POST", `/api/connections/${id}/sync/cancel`);
    expect(cancel).toMatchObject({ status: 202, body: { cancelled: true } });
    const err = (await done) as { code?: string };
    expect(err.code).toBe("cancelled");
    const org = s.app.organization.id;
    const c = await s.app.store.getConnection(org, id);
    expect(c.lastSyncedAt).toBeNull();
    expect((await s.app.store.getConnectionCounts(org, id)).users).toBe(0);
    const run = await s.app.store.getSyncRun(org, c.lastRunId ?? "");
    expect(run.state).toBe("failed");
    expect(run.error?.code).toBe("cancelled");
  });
});
