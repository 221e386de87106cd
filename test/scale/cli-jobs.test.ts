// `idc-sync jobs --json` on PostgreSQL (skipped without TEST_DATABASE_URL), on a database of its
// own: a queued, an active and a failed sync job, each listed with its connection (id and name),
// its state and its age; completed jobs only with --all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobsCommand } from "../../src/cli/jobs-command.js";
import { parseConfig } from "../../src/config.js";
import { JobQueue, SYNC_QUEUE, type SyncJobData } from "../../src/scheduler/job-queue.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";
import { runCli } from "../integration/cli-support.js";
import { createTestDatabase, PG_URL, type TestDatabase } from "./pg-database.js";

interface JobJson {
  id: string;
  state: string;
  organizationId: string;
  connectionId: string;
  connectionName: string | null;
  reason: string;
  ageSeconds: number;
  createdOn: string;
  startedOn: string | null;
  retryCount: number;
  error: string | null;
}

describe.skipIf(PG_URL === undefined)("idc-sync jobs --json [postgres]", () => {
  let db: TestDatabase;
  let store: KyselyStore;
  let queue: JobQueue;
  let env: Record<string, string>;
  const ids: Record<"queued" | "active" | "failed" | "done", string> = {
    queued: "",
    active: "",
    failed: "",
    done: "",
  };

  beforeAll(async () => {
    db = await createTestDatabase("cli_jobs");
    // No retry: a failed job stays failed, as one past its retries does.
    env = { DATABASE_URL: db.url, IDC_SYNC_QUEUE_RETRY_LIMIT: "0" };
    store = await openStore({ databaseUrl: db.url });
    queue = await JobQueue.open({ connectionString: db.url, config: parseConfig(env).queue });
    const org = await store.createOrganization("Jobs");
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      const c = await store.createConnection(org.id, {
        values: {
          roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
          region: "us-east-1",
          identityStoreId: "d-1234567890",
          instanceArn: `arn:aws:sso:::instance/ssoins-${name.padEnd(16, "0")}`,
        },
        name: `conn ${name}`,
      });
      ids[name] = c.id;
    }
    const data = (connectionId: string, reason: SyncJobData["reason"]): SyncJobData => ({
      organizationId: org.id,
      connectionId,
      force: false,
      reason,
    });
    // One at a time, so that each fetch takes the job just queued.
    const take = async (connectionId: string): Promise<string> => {
      const id = await queue.enqueue(data(connectionId, "manual"));
      const [job] = await queue.boss.fetch<SyncJobData>(SYNC_QUEUE);
      if (id === null || job?.id !== id) throw new Error("the fetched job is not the one queued");
      return id;
    };
    await queue.boss.complete(SYNC_QUEUE, await take(ids.done));
    await queue.boss.fail(SYNC_QUEUE, await take(ids.failed), { message: "AccessDenied: sso:ListInstances" });
    await take(ids.active);
    const queued = await queue.enqueue(data(ids.queued, "schedule"));
    // Queued 90 seconds ago: the age is what the table says, without waiting for it.
    const table = (await queue.boss.getQueue(SYNC_QUEUE))?.table ?? "job";
    await queue.boss
      .getDb()
      .executeSql(
        `update idc_sync_queue.${table} set created_on = now() - interval '90 seconds' where id = $1`,
        [queued],
      );
  });

  afterAll(async () => {
    await queue?.stop({ graceful: false, timeoutMs: 1000 });
    await store?.close();
    await db?.drop();
  });

  it("lists queued, active and failed jobs with their connection and age", async () => {
    const result = await runCli(jobsCommand, ["--json"], env);
    expect(result.code, result.err).toBe(0);
    const jobs = JSON.parse(result.out) as JobJson[];
    const byConnection = new Map(jobs.map((j) => [j.connectionId, j]));
    expect(jobs).toHaveLength(3);
    expect(byConnection.has(ids.done)).toBe(false);

    expect(byConnection.get(ids.queued)).toMatchObject({
      state: "created",
      connectionName: "conn queued",
      reason: "schedule",
      startedOn: null,
    });
    const queuedAge = byConnection.get(ids.queued)?.ageSeconds ?? -1;
    expect(queuedAge).toBeGreaterThanOrEqual(90);
    expect(queuedAge).toBeLessThan(150);

    const active = byConnection.get(ids.active);
    expect(active).toMatchObject({ state: "active", connectionName: "conn active", reason: "manual" });
    expect(active?.startedOn).not.toBeNull();
    expect(active?.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(active?.ageSeconds).toBeLessThan(queuedAge);

    expect(byConnection.get(ids.failed)).toMatchObject({
      state: "failed",
      connectionName: "conn failed",
      error: "AccessDenied: sso:ListInstances",
    });
    for (const j of jobs) expect(Date.parse(j.createdOn)).not.toBeNaN();
  });

  it("--all adds the completed ones", async () => {
    const result = await runCli(jobsCommand, ["--json", "--all"], env);
    expect(result.code, result.err).toBe(0);
    const jobs = JSON.parse(result.out) as JobJson[];
    expect(jobs).toHaveLength(4);
    expect(jobs.find((j) => j.connectionId === ids.done)).toMatchObject({
      state: "completed",
      connectionName: "conn done",
    });
  });

  it("the table names each job's state, connection and age", async () => {
    const result = await runCli(jobsCommand, [], env);
    expect(result.code, result.err).toBe(0);
    const lines = result.out.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^STATE\s+CONNECTION\s+REASON\s+AGE\s+RETRIES\s+LAST ERROR$/);
    expect(result.out).toMatch(/queued\s+conn queued\s+schedule\s+(9\d|1\d\d)s/);
    expect(result.out).toMatch(/active\s+conn active\s+manual/);
    expect(result.out).toMatch(/failed\s+conn failed\s+manual\s+\S+\s+0\s+AccessDenied: sso:ListInstances/);
  });
});
