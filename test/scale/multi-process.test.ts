// Scale-out acceptance on PostgreSQL (skipped without TEST_DATABASE_URL): one built
// `idc-sync start --no-worker` and three `idc-sync worker` processes on one database, 24
// connections of 4 organizations (one sandbox each), all due at once.
// - Every connection is synced exactly once and no connection ever has two runs at a time.
// - One worker is SIGKILLed mid-sync: another worker syncs its connection within 2 minutes (the
//   queue's heartbeat expiry, not the next schedule), and the stored state is the whole new one.
// - SIGTERM to a worker mid-sync: its run ends aborted with nothing stored, and the job runs again
//   on another worker.
// Intervals are short here (queue polling 0.5 s, heartbeat 10 s, supervision 1 s, lease 10 s).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";
import { PLATFORM_ENV } from "../integration/cli-support.js";
import { assertBuilt, startChild, until, type Child } from "./processes.js";

const PG_URL = process.env["TEST_DATABASE_URL"];
const ORGS = 4;
const PER_ORG = 6;
const USERS = 12;

interface RunRow {
  id: string;
  connection_id: string;
  state: string;
  started_at: string;
  finished_at: string | null;
  error_code: string | null;
  user_count: number | null;
}

describe.skipIf(PG_URL === undefined)("syncs as jobs: one web process and three workers [postgres]", () => {
  const schema = `scale_mp_${randomBytes(4).toString("hex")}`;
  const queueSchema = `${schema}_queue`;
  let store: KyselyStore;
  let db: pg.Client;
  const sandboxes: Sandbox[] = [];
  const connections: { id: string; orgId: string }[] = [];
  const children: Child[] = [];
  let env: Record<string, string>;

  const runs = async (): Promise<RunRow[]> =>
    (
      await db.query<RunRow>(
        `select id, connection_id, state, started_at, finished_at, error_code, user_count
         from "${schema}".sync_runs order by started_at`,
      )
    ).rows;

  const worker = (name: string): Child => {
    const c = startChild(name, ["worker", "--concurrency", "2"], env);
    children.push(c);
    return c;
  };

  beforeAll(async () => {
    assertBuilt();
    if (PG_URL === undefined) return;
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`create schema "${schema}"`);
    store = await openStore({ databaseUrl: PG_URL, schema });
    for (let o = 0; o < ORGS; o++) {
      const org = await store.createOrganization(`Tenant ${o}`);
      for (let i = 0; i < PER_ORG; i++) {
        const sandbox = await startSandbox({
          generate: { users: USERS, groups: 3, accounts: 2, permissionSets: 2, seed: 100 + o * PER_ORG + i },
          trust: { externalId: org.externalId },
          // AWS-like latency: each sync takes a few seconds, so a kill lands mid-sync. No CloudTrail
          // (an optional extra): its sign-in history, at its 2 requests a second, is not what this
          // test is about, and would make every sync last minutes.
          faults: { latencyMs: 40, deniedActions: ["cloudtrail:LookupEvents"] },
        });
        sandboxes.push(sandbox);
        const v = sandbox.connectValues();
        const c = await store.createConnection(org.id, {
          values: {
            roleArn: v.roleArn,
            region: v.region,
            identityStoreId: v.identityStoreId,
            instanceArn: v.instanceArn,
          },
          endpointUrl: v.endpoint,
          name: `conn ${o}-${i}`,
        });
        connections.push({ id: c.id, orgId: org.id });
      }
    }
    const url = new URL(PG_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const inherited: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v !== undefined && !/^(IDC_SYNC_|DATABASE_URL$|AWS_|PORT$|HOST$)/.test(k)) inherited[k] = v;
    }
    env = {
      ...inherited,
      ...PLATFORM_ENV,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      DATABASE_URL: url.toString(),
      IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
      IDC_SYNC_QUEUE_SCHEMA: queueSchema,
      IDC_SYNC_QUEUE_POLL_SECONDS: "0.5",
      IDC_SYNC_QUEUE_HEARTBEAT_SECONDS: "10",
      IDC_SYNC_QUEUE_SUPERVISE_SECONDS: "1",
      IDC_SYNC_QUEUE_RETRY_DELAY_SECONDS: "1",
      IDC_SYNC_SCHEDULE_TICK_SECONDS: "0.5",
      IDC_SYNC_SYNC_LEASE_SECONDS: "10",
      IDC_SYNC_ORG_CONCURRENCY: "2",
      IDC_SYNC_SYNC_MEMORY_MB: "256",
      LOG_LEVEL: "info",
    };
  });

  afterAll(async () => {
    for (const c of children) if (c.alive()) c.process.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await store?.close();
    for (const s of sandboxes) await s.close();
    if (db !== undefined) {
      await db.query(`drop schema if exists "${schema}" cascade`);
      await db.query(`drop schema if exists "${queueSchema}" cascade`);
      await db.end();
    }
  });

  it("syncs every connection exactly once, never two runs of one at a time, and survives a SIGKILLed worker", async () => {
    // The workers first (they create the queue), then the web process that enqueues.
    const workers = [worker("worker-1"), worker("worker-2"), worker("worker-3")];
    await Promise.all(workers.map((w) => w.waitForStdout(/taking sync jobs/)));
    const web = startChild("web", ["start", "--no-worker", "--no-demo", "--port", "0"], env);
    children.push(web);
    await web.waitForStdout(/idc-sync is running at .*queued for 'idc-sync worker' processes/);

    // Kill worker-1 as soon as it has a sync under way.
    const victim = workers[0] as Child;
    const started = await victim.waitFor((l) => l.msg === "sync job started", "a sync job started");
    await until("worker-1's run to be claimed", 20_000, async () =>
      (await runs()).some((r) => r.connection_id === started.connectionId && r.state === "running")
        ? true
        : undefined,
    );
    victim.process.kill("SIGKILL");
    const killedAt = Date.now();
    await victim.exited;

    const done = await until("every connection synced", 150_000, async () => {
      const all = await runs();
      const synced = new Set(all.filter((r) => r.state === "succeeded").map((r) => r.connection_id));
      return connections.every((c) => synced.has(c.id)) ? all : undefined;
    });
    // Every sync worker-1 had under way (it runs two at a time) was finished by another worker.
    const finishedByVictim = new Set(
      victim.lines.filter((l) => l.msg === "sync job finished").map((l) => l.connectionId),
    );
    const killed = new Set(
      victim.lines
        .filter((l) => l.msg === "sync job started" && !finishedByVictim.has(l.connectionId))
        .map((l) => l.connectionId as string),
    );
    expect(killed.has(started.connectionId as string)).toBe(true);
    for (const id of killed) {
      const retry = done.find((r) => r.connection_id === id && r.state === "succeeded");
      expect(Date.parse(retry?.finished_at ?? "") - killedAt, id).toBeLessThan(120_000);
      // A job killed before its claim left no run; a claimed one left a failed run that stored
      // nothing (no counts): the whole new state came with the retry.
      for (const dead of done.filter((r) => r.connection_id === id && r.state !== "succeeded")) {
        expect(dead.state, id).toBe("failed");
        expect(dead.user_count, id).toBeNull();
      }
    }
    const claimedByVictim = done.filter((r) => killed.has(r.connection_id) && r.state !== "succeeded");
    expect(claimedByVictim.length).toBeGreaterThanOrEqual(1);

    for (const c of connections) {
      const mine = done.filter((r) => r.connection_id === c.id);
      // Exactly once: one succeeded run; only a connection of the killed worker has another (its dead run).
      expect(
        mine.filter((r) => r.state === "succeeded"),
        c.id,
      ).toHaveLength(1);
      expect(mine.length, c.id).toBeLessThanOrEqual(killed.has(c.id) ? 2 : 1);
      // Never two at a time: each run ended before the next one began.
      for (let i = 1; i < mine.length; i++) {
        const prev = mine[i - 1] as RunRow;
        const next = mine[i] as RunRow;
        expect(prev.finished_at, c.id).not.toBeNull();
        expect(Date.parse(prev.finished_at ?? "")).toBeLessThanOrEqual(Date.parse(next.started_at));
      }
      // The stored state is whole: every user of the sandbox.
      expect((await store.getConnectionCounts(c.orgId, c.id)).users, c.id).toBe(USERS);
    }
  }, 200_000);

  it("SIGTERM mid-sync: the run ends aborted with nothing stored, and the job runs again on another worker", async () => {
    const live = children.filter((c) => c.name.startsWith("worker") && c.alive());
    expect(live).toHaveLength(2);
    // A new connection with a slow sandbox: due at once, taken by one of the two workers.
    const org = await store.createOrganization("Late tenant");
    const sandbox = await startSandbox({
      generate: { users: USERS, groups: 3, accounts: 2, permissionSets: 2, seed: 999 },
      trust: { externalId: org.externalId },
      faults: { latencyMs: 150 },
    });
    sandboxes.push(sandbox);
    const v = sandbox.connectValues();
    const c = await store.createConnection(org.id, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: v.instanceArn,
      },
      endpointUrl: v.endpoint,
      name: "late",
    });
    const isMine = (l: { msg?: string; connectionId?: string }) =>
      l.msg === "sync job started" && l.connectionId === c.id;
    const taker = await Promise.any(
      live.map((w) => w.waitFor(isMine, "the late connection's job").then(() => w)),
    );
    const other = live.find((w) => w !== taker) as Child;
    await until("the late run to be claimed", 20_000, async () =>
      (await runs()).some((r) => r.connection_id === c.id && r.state === "running") ? true : undefined,
    );
    taker.process.kill("SIGTERM");
    const exit = await taker.exited;
    expect(exit.code).toBe(0);

    const aborted = (await runs()).filter((r) => r.connection_id === c.id);
    expect(aborted).toHaveLength(1);
    expect(aborted[0]?.state).toBe("failed");
    expect(aborted[0]?.error_code).toBe("aborted");
    expect((await store.getConnectionCounts(org.id, c.id)).users).toBe(0);
    expect((await store.getConnection(org.id, c.id)).lastSyncedAt).toBeNull();

    await other.waitFor(
      (l) => l.msg === "sync job finished" && l.connectionId === c.id && l["state"] === "succeeded",
      "the late connection synced by the other worker",
    );
    const after = (await runs()).filter((r) => r.connection_id === c.id);
    expect(after.map((r) => r.state)).toEqual(["failed", "succeeded"]);
    expect((await store.getConnectionCounts(org.id, c.id)).users).toBe(USERS);
  }, 120_000);
  it("shows a sync's stored progress on the web process and cancels it on the worker: nothing stored, not retried", async () => {
    const web = children.find((c) => c.name === "web") as Child;
    const line = await web.waitForStdout(/idc-sync is running at/);
    const base = /(http:\/\/[\d.:]+)/.exec(line)?.[1] ?? "";
    const worker = children.find((c) => c.name.startsWith("worker") && c.alive()) as Child;
    const org = await store.createOrganization("Cancelled tenant");
    const { token } = await store.createApiToken(org.id, "admin");
    const sandbox = await startSandbox({
      // Slow enough (about 10 s) that the cancel lands while it reads.
      generate: { users: 1000, groups: 3, accounts: 2, permissionSets: 2, seed: 777 },
      trust: { externalId: org.externalId },
      faults: { latencyMs: 500 },
    });
    sandboxes.push(sandbox);
    const v = sandbox.connectValues();
    const c = await store.createConnection(org.id, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: v.instanceArn,
      },
      endpointUrl: v.endpoint,
      name: "cancelled",
    });
    const api = (path: string, method = "GET") =>
      fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    // The web process runs no sync, yet shows the worker's phase and counts (stored).
    const shown = await until("the web process to show the worker's progress", 30_000, async () => {
      const body = (await (await api(`/api/connections/${c.id}`)).json()) as {
        state: string;
        progress: { phase: string; done: number } | null;
      };
      return body.state === "syncing" && body.progress !== null ? body.progress : undefined;
    });
    expect(shown.phase).not.toBe("");
    expect(shown.done).toBeGreaterThanOrEqual(0);

    const asked = Date.now();
    const res = await api(`/api/connections/${c.id}/sync/cancel`, "POST");
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ cancelled: true });
    await worker.waitFor(
      (l) => l.msg === "sync job finished" && l.connectionId === c.id,
      "the cancelled sync to end on the worker",
    );
    expect(Date.now() - asked).toBeLessThan(10_000);
    const mine = (await runs()).filter((r) => r.connection_id === c.id);
    expect(mine.map((r) => [r.state, r.error_code])).toEqual([["failed", "cancelled"]]);
    expect((await store.getConnectionCounts(org.id, c.id)).users).toBe(0);
    expect((await store.getConnection(org.id, c.id)).lastSyncedAt).toBeNull();
  }, 90_000);

  it("a sync over its memory limit fails with the named error while the service answers /api/health throughout", async () => {
    // Only the service (serving and running jobs, with a 32 MB limit per sync) takes this job.
    for (const c of children) if (c.name.startsWith("worker") && c.alive()) c.process.kill("SIGTERM");
    await Promise.all(children.map((c) => c.exited.catch(() => undefined)).slice(0, 3));
    const service = startChild("service", ["start", "--no-demo", "--port", "0"], {
      ...env,
      IDC_SYNC_SYNC_MEMORY_MB: "32",
    });
    children.push(service);
    const line = await service.waitForStdout(/idc-sync is running at .*syncs run from the job queue/);
    const base = /(http:\/\/[\d.:]+)/.exec(line)?.[1] ?? "";
    const org = await store.createOrganization("Big tenant");
    const sandbox = await startSandbox({
      // 32 MB holds the thread and a small sync, not the read of 8,000 users.
      generate: { users: 8000, groups: 3, accounts: 2, permissionSets: 2, seed: 31 },
      trust: { externalId: org.externalId },
      faults: { deniedActions: ["cloudtrail:LookupEvents"] },
    });
    sandboxes.push(sandbox);
    const v = sandbox.connectValues();
    const c = await store.createConnection(org.id, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: v.instanceArn,
      },
      endpointUrl: v.endpoint,
      name: "big",
    });
    const ended = service.waitFor(
      (l) =>
        l.connectionId === c.id &&
        typeof l.msg === "string" &&
        (l.msg.startsWith("sync job failed") || l.msg === "sync job finished"),
      "the big sync to end",
    );
    let finished = false;
    void ended.finally(() => (finished = true));
    const statuses: number[] = [];
    while (!finished) {
      statuses.push((await fetch(`${base}/api/health`)).status);
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 50))]);
    }
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses.every((st) => st === 200)).toBe(true);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    const failed = (await runs()).filter((r) => r.connection_id === c.id);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const row = await db.query<{ error_message: string }>(
      `select error_message from "${schema}".sync_runs where connection_id = $1`,
      [c.id],
    );
    expect(row.rows.map((r) => r.error_message)).toContain(
      "sync exceeded its memory limit of 32 MB; raise IDC_SYNC_SYNC_MEMORY_MB",
    );
    // Not retried: waiting does not give a sync more memory.
    expect((await ended)["msg"]).toBe("sync job failed; not retried");
    expect((await store.getConnectionCounts(org.id, c.id)).users).toBe(0);
  }, 120_000);
});
