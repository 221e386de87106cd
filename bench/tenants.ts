// npm run bench -- --tenants [--connections 200] [--users 1000] [--window 90] [--workers 1,2,4]
//   [--concurrency 4] [--commit-size M|L|none]
//
// Scale-out (issue 14), two measurements:
// 1. Syncs per hour through the job queue (PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL)
//    with 1, 2 and 4 `idc-sync worker` processes: `--connections` connections of `--users` users,
//    each its own sandbox (own AWS account: own quota buckets) with AWS-like latency (40 ms) and
//    rate limits. Every connection is queued; the syncs that finish within a window of `--window`
//    seconds are counted. Each round starts with connections the last round did not reach.
// 2. The service's event-loop delay (p99, max) while a large sync compares and commits, run in the
//    service's own thread (as the embedded scheduler does) versus in a worker thread (as queue
//    workers do). SQLite, unthrottled sandbox (the commit is what is measured).
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { parseConfig } from "../src/config.js";
import { readIdentityCenter } from "../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../src/aws-calls/request-budget.js";
import { connectionReader } from "../src/engine/sync-read.js";
import { SyncRunner } from "../src/engine/sync-runner.js";
import type { Organization } from "../src/domain/organization.js";
import type { ConnectValues } from "../src/sandbox/index.js";
import { JobQueue } from "../src/scheduler/job-queue.js";
import { runSyncInThread } from "../src/scheduler/sync-thread-runner.js";
import { openStore } from "../src/store/open-store.js";
import { startChild } from "./child-process.js";
import type { SandboxReady, SandboxTask } from "./sandbox-child.js";
import { parseSizes } from "./sizes.js";
import type { TenantSandboxesTask } from "./tenants-sandboxes.js";

export interface TenantsOptions {
  connections: number;
  users: number;
  windowSeconds: number;
  workers: number[];
  concurrency: number;
  commitSize: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const compiled = import.meta.url.endsWith(".js");
const PLATFORM = {
  AWS_ACCESS_KEY_ID: "AKIABENCHTENANTS0001",
  AWS_SECRET_ACCESS_KEY: "bench",
  AWS_REGION: "us-east-1",
};

interface Round {
  workers: number;
  concurrency: number;
  windowSeconds: number;
  syncsSucceeded: number;
  syncsPerHour: number;
  meanSyncSeconds: number | null;
}

async function throughput(url: string, o: TenantsOptions): Promise<Round[]> {
  const schema = `bench_tenants_${randomBytes(4).toString("hex")}`;
  const queueSchema = `${schema}_queue`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  const store = await openStore({ databaseUrl: url, schema });
  const perOrg = 10;
  const orgs: Organization[] = [];
  for (let i = 0; i < Math.ceil(o.connections / perOrg); i++)
    orgs.push(await store.createOrganization(`Tenant ${i}`));
  const owner = Array.from({ length: o.connections }, (_, i) => orgs[Math.floor(i / perOrg)] ?? orgs[0]);
  log(`[tenants] generating ${o.connections} sandboxes of ${o.users} users`);
  const sandboxes = startChild<TenantSandboxesTask, ConnectValues[]>("./tenants-sandboxes.ts", {
    externalIds: owner.map((org) => org?.externalId ?? ""),
    users: o.users,
    latencyMs: 40,
  });
  const rounds: Round[] = [];
  try {
    const values = await sandboxes.result;
    const connections = [];
    for (const [i, v] of values.entries()) {
      const org = owner[i];
      if (org === undefined) continue;
      const c = await store.createConnection(org.id, {
        values: {
          roleArn: v.roleArn,
          region: v.region,
          identityStoreId: v.identityStoreId,
          instanceArn: v.instanceArn,
        },
        endpointUrl: v.endpoint,
        name: `tenant connection ${i}`,
      });
      connections.push({ id: c.id, orgId: org.id });
    }
    const childUrl = new URL(url);
    childUrl.searchParams.set("options", `-c search_path=${schema}`);
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !/^(IDC_SYNC_|DATABASE_URL$|AWS_)/.test(k)) env[k] = v;
    Object.assign(env, PLATFORM, {
      DATABASE_URL: childUrl.toString(),
      IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
      IDC_SYNC_QUEUE_SCHEMA: queueSchema,
      IDC_SYNC_QUEUE_POLL_SECONDS: "0.5",
      IDC_SYNC_ORG_CONCURRENCY: "4",
      LOG_LEVEL: "warn",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    });
    const config = parseConfig({ ...env, DATABASE_URL: url });
    const queue = await JobQueue.open({ connectionString: url, config: config.queue });
    let offset = 0;
    try {
      for (const n of o.workers) {
        await queue.boss.deleteAllJobs();
        const order = [...connections.slice(offset), ...connections.slice(0, offset)];
        for (const c of order)
          await queue.enqueue({
            organizationId: c.orgId,
            connectionId: c.id,
            force: false,
            reason: "manual",
          });
        const start = new Date();
        log(`[tenants] ${n} worker(s) x ${o.concurrency} syncs for ${o.windowSeconds} s`);
        const module = fileURLToPath(
          new URL(compiled ? "./worker-child.js" : "./worker-child.ts", import.meta.url),
        );
        const procs = Array.from({ length: n }, () =>
          spawn(
            process.execPath,
            [...(compiled ? [] : ["--import", "tsx"]), module, "--concurrency", String(o.concurrency)],
            {
              env,
              stdio: ["ignore", "ignore", "inherit"],
            },
          ),
        );
        await new Promise((resolve) => setTimeout(resolve, o.windowSeconds * 1000));
        const end = new Date();
        const exits = procs.map((p) => new Promise((resolve) => p.once("exit", resolve)));
        for (const p of procs) p.kill("SIGTERM");
        await Promise.all(exits);
        const { rows } = await admin.query<{ n: number; mean: number | null }>(
          `select count(*)::int as n,
             avg(extract(epoch from (finished_at::timestamptz - started_at::timestamptz)))::float8 as mean
           from "${schema}".sync_runs where state = 'succeeded' and finished_at >= $1 and finished_at <= $2`,
          [start.toISOString(), end.toISOString()],
        );
        const done = rows[0]?.n ?? 0;
        offset = (offset + done) % connections.length;
        const seconds = (end.getTime() - start.getTime()) / 1000;
        rounds.push({
          workers: n,
          concurrency: o.concurrency,
          windowSeconds: Math.round(seconds),
          syncsSucceeded: done,
          syncsPerHour: Math.round((done / seconds) * 3600),
          meanSyncSeconds:
            rows[0]?.mean === null || rows[0]?.mean === undefined ? null : Math.round(rows[0].mean * 10) / 10,
        });
        log(`[tenants] ${n} worker(s): ${done} syncs in ${seconds.toFixed(0)} s`);
      }
    } finally {
      await queue.stop({ graceful: false });
    }
  } finally {
    await sandboxes.close();
    await store.close();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.query(`drop schema if exists "${queueSchema}" cascade`);
    await admin.end();
  }
  return rounds;
}

interface LoopDelay {
  mode: "in-thread" | "worker thread";
  users: number;
  syncSeconds: number;
  window: string;
  p99Ms: number;
  maxMs: number;
}

/**
 * The event loop's lateness, sampled by a 10 ms timer: a timer that fires late by d ms means the
 * loop was blocked for d ms (a request arriving then waits as long). Samples after start() only;
 * stop() lets one more tick fire so that a block ending the window is counted.
 */
function loopSampler() {
  const delays: number[] = [];
  let last = performance.now();
  let on = false;
  const timer = setInterval(() => {
    const now = performance.now();
    if (on) delays.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
  return {
    start() {
      on = true;
      last = performance.now();
    },
    async stop(): Promise<{ p99: number; max: number }> {
      await new Promise((resolve) => setTimeout(resolve, 30));
      clearInterval(timer);
      on = false;
      const sorted = [...delays].sort((a, b) => a - b);
      const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
      return { p99: Math.round(p99 * 10) / 10, max: Math.round((sorted.at(-1) ?? 0) * 10) / 10 };
    },
  };
}

async function commitLoop(sizeName: string): Promise<LoopDelay[]> {
  const size = parseSizes(sizeName)[0];
  if (size === undefined) return [];
  log(`[tenants] event loop during a ${size.name} sync: generating`);
  const sandbox = startChild<SandboxTask, SandboxReady>("./sandbox-child.ts", {
    generate: size.generate,
    // Each mode's store makes its own organization: the sandbox takes any external id.
    trust: { anyExternalId: true },
  });
  const results: LoopDelay[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, PLATFORM);
  try {
    const ready = await sandbox.result;
    for (const mode of ["in-thread", "worker thread"] as const) {
      const dir = mkdtempSync(join(tmpdir(), "idc-sync-bench-loop-"));
      const store = await openStore({ dataDir: dir });
      try {
        const org = await store.createOrganization("Loop");
        const v = ready.connect;
        const c = await store.createConnection(org.id, {
          values: {
            roleArn: v.roleArn,
            region: v.region,
            identityStoreId: v.identityStoreId,
            instanceArn: v.instanceArn,
          },
          endpointUrl: v.endpoint,
        });
        const h = loopSampler();
        const t0 = performance.now();
        log(`[tenants] ${size.name} sync ${mode}`);
        if (mode === "in-thread") {
          const read = connectionReader({
            read: (options) =>
              readIdentityCenter({ ...options, budget: new RequestBudget({ enabled: false }) }),
          });
          // Measured from the end of the read: the compare, findings and the commit.
          const runner = new SyncRunner({
            store,
            read: async (...args) => {
              const r = await read(...args);
              h.start();
              return r;
            },
          });
          const run = await runner.run(org.id, c.id);
          if (run.state !== "succeeded") throw new Error(`sync ${run.state}: ${run.error?.message}`);
        } else {
          h.start();
          const out = await runSyncInThread(
            {
              config: {
                dataDir: dir,
                databaseUrl: undefined,
                leaseMs: undefined,
                app: parseConfig({ IDC_SYNC_DATA_DIR: dir, IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*" }),
              },
              memoryMb: 1024,
              store,
            },
            { organizationId: org.id, connectionId: c.id, force: false },
          );
          if (out.state !== "succeeded") throw new Error(`sync ${out.state}: ${out.error?.message}`);
        }
        const delay = await h.stop();
        results.push({
          mode,
          users: ready.expected.users,
          syncSeconds: Math.round((performance.now() - t0) / 100) / 10,
          window: mode === "in-thread" ? "compare + commit" : "whole sync (read, compare, commit)",
          p99Ms: delay.p99,
          maxMs: delay.max,
        });
      } finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    process.env = saved;
    await sandbox.close();
  }
  return results;
}

export async function runTenants(o: TenantsOptions, json: boolean): Promise<void> {
  const url = process.env["BENCH_DATABASE_URL"] ?? process.env["TEST_DATABASE_URL"];
  const rounds = url === undefined ? null : await throughput(url, o);
  if (url === undefined)
    log("[tenants] no BENCH_DATABASE_URL or TEST_DATABASE_URL: syncs per hour not measured");
  const loop = o.commitSize === "none" ? [] : await commitLoop(o.commitSize);
  if (json) {
    process.stdout.write(`${JSON.stringify({ throughput: rounds, eventLoop: loop })}\n`);
    return;
  }
  const lines = [`Tenants: ${o.connections} connections x ${o.users} users, AWS-like latency and limits`];
  for (const r of rounds ?? []) {
    lines.push(
      `  ${r.workers} worker(s) x ${r.concurrency}: ${r.syncsSucceeded} syncs in ${r.windowSeconds} s = ${r.syncsPerHour} syncs/hour (mean sync ${r.meanSyncSeconds ?? "-"} s)`,
    );
  }
  for (const l of loop) {
    lines.push(
      `  event loop, ${l.users} users ${l.mode}: p99 ${l.p99Ms} ms, max ${l.maxMs} ms over ${l.window} (${l.syncSeconds} s)`,
    );
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}
