// /metrics on PostgreSQL (skipped without TEST_DATABASE_URL), on a database of its own: after one
// sync run by the service's own queue worker (in its thread) against a sandbox that throttles,
// the Prometheus text counts the sync by outcome, its duration, the AWS calls by action and the
// throttles exactly as the sandbox counted them; with the worker stopped and two jobs queued, the
// queue's depth and its oldest job's age.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import type { SyncMetricsSample } from "../../src/scheduler/metrics.js";
import { SYNC_QUEUE } from "../../src/scheduler/job-queue.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { PLATFORM_ENV, setProcessEnv } from "../integration/cli-support.js";
import { createTestDatabase, PG_URL, type TestDatabase } from "./pg-database.js";

const TOKEN = "idcs_scale-metrics-test-admin-token";

/** The value of one sample line of the Prometheus text, e.g. `name{label="x"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.skipIf(PG_URL === undefined)("/metrics after a sync [postgres]", () => {
  let db: TestDatabase;
  let dir: string;
  let app: App;
  let sandbox: Sandbox;
  let url: string;
  let restoreEnv: () => void;
  const recorded: SyncMetricsSample[] = [];
  let text = "";

  beforeAll(async () => {
    // The sync's thread signs with the SDK's chain: the process environment, as in production.
    restoreEnv = setProcessEnv({ ...PLATFORM_ENV, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
    db = await createTestDatabase("metrics");
    dir = mkdtempSync(join(tmpdir(), "idc-sync-scale-metrics-"));
    app = await createApp(
      parseConfig({
        DATABASE_URL: db.url,
        IDC_SYNC_DATA_DIR: dir,
        IDC_SYNC_ADMIN_TOKEN: TOKEN,
        IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
        IDC_SYNC_QUEUE_POLL_SECONDS: "0.5",
        IDC_SYNC_SYNC_MEMORY_MB: "256",
      }),
      {
        demo: "off",
        logger: false,
        webRoot: null,
        refreshMs: 0,
        detectCredentials: () => Promise.resolve(true),
      },
    );
    url = (await app.listen(0, "127.0.0.1")).replace("0.0.0.0", "127.0.0.1");
    sandbox = await startSandbox({
      generate: { users: 60, groups: 6, accounts: 3, permissionSets: 3, seed: 31 },
      trust: { externalId: app.organization.externalId },
      // Slower than the sync's own pace: some calls are throttled and retried.
      faults: { rateLimits: { identitystorePerApi: 5, ssoAdmin: 5, organizations: 5 } },
    });
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
    await db?.drop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    restoreEnv?.();
  });

  /** The sandbox's connection; `instance` gives another (never synced) instance of it instead. */
  const connection = async (name: string, instance?: string) => {
    const v = sandbox.connectValues();
    return app.store.createConnection(app.organization.id, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: instance === undefined ? v.instanceArn : `arn:aws:sso:::instance/ssoins-${instance}`,
      },
      endpointUrl: v.endpoint,
      name,
    });
  };

  it("counts the sync by outcome, its duration, AWS calls by action and throttles as the sandbox saw them", async () => {
    const c = await connection("synced");
    const finished = new Promise<void>((resolve) => {
      const record = app.metrics.recordSync.bind(app.metrics);
      app.metrics.recordSync = (s) => {
        recorded.push(s);
        record(s);
        resolve();
      };
    });
    const res = await fetch(`${url}/api/connections/${c.id}/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(202);
    await finished;
    expect(recorded.map((s) => s.outcome)).toEqual(["succeeded"]);
    text = await fetch(`${url}/metrics`).then((r) => r.text());

    expect(sample(text, 'idc_sync_syncs_total{outcome="succeeded"}')).toBe(1);
    expect(sample(text, 'idc_sync_sync_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    const seconds = sample(text, 'idc_sync_sync_duration_seconds_sum{outcome="succeeded"}') ?? 0;
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeCloseTo(recorded[0]?.seconds ?? -1, 3);

    // Every call the sandbox answered (retries included), per IAM action, and its throttles.
    const seen = sandbox.counters.snapshot();
    const calls = Object.entries(seen.byAction).filter(([action]) => action !== "sts:AssumeRole");
    expect(calls.length).toBeGreaterThan(3);
    for (const [action, counts] of calls) {
      expect(sample(text, `idc_sync_aws_calls_total{action="${action}"}`), action).toBe(counts.total);
    }
    expect(seen.total.throttled).toBeGreaterThan(0);
    expect(sample(text, "idc_sync_aws_throttles_total")).toBe(seen.total.throttled);
  });

  it("gives the queue's depth and its oldest queued job's age", async () => {
    // No worker takes jobs now: two stay queued, one of them 120 seconds old.
    await app.queue?.worker?.stop();
    const queue = app.queue?.queue;
    if (queue === undefined) throw new Error("no queue on PostgreSQL");
    const a = await connection("queued a", "aaaaaaaaaaaaaaaa");
    const b = await connection("queued b", "bbbbbbbbbbbbbbbb");
    const data = (connectionId: string) => ({
      organizationId: app.organization.id,
      connectionId,
      force: false,
      reason: "schedule" as const,
    });
    const old = await queue.enqueue(data(a.id));
    expect(await queue.enqueue(data(b.id))).not.toBeNull();
    const table = (await queue.boss.getQueue(SYNC_QUEUE))?.table ?? "job";
    await queue.boss
      .getDb()
      .executeSql(
        `update idc_sync_queue.${table} set created_on = now() - interval '120 seconds' where id = $1`,
        [old],
      );
    const after = await fetch(`${url}/metrics`).then((r) => r.text());
    expect(sample(after, 'idc_sync_queue_jobs{state="queued"}')).toBe(2);
    expect(sample(after, 'idc_sync_queue_jobs{state="active"}')).toBe(0);
    expect(sample(after, 'idc_sync_queue_jobs{state="failed"}')).toBe(0);
    const oldest = sample(after, "idc_sync_queue_oldest_job_seconds") ?? -1;
    expect(oldest).toBeGreaterThanOrEqual(120);
    expect(oldest).toBeLessThan(180);
    // The sync counted before is still there, once.
    expect(sample(after, 'idc_sync_syncs_total{outcome="succeeded"}')).toBe(1);
  });
});
