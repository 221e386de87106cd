// npx tsx bench/users-page.ts [--users 100000] [--rounds 30] [--postgres URL] [--json] [--keep]
//
// The Users endpoint on a large organization: one connection with N users (10% DISABLED, 2%
// DELETED after a second sync) committed through the real sync runner, then GET /api/users
// through the whole HTTP stack (Fastify inject: routing, auth, validation, store, serialisation)
// for the queries the web app sends. Target: every query's p95 under 300 ms at 100,000 users.
import { accessRowsOf } from "../src/domain/access-rows.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { createApp } from "../src/app.js";
import { parseConfig } from "../src/config.js";
import type { ReadResult, Snapshot, User } from "../src/domain/model.js";
import { openStore } from "../src/store/open-store.js";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    rounds: { type: "string", default: "30" },
    postgres: { type: "string" },
    json: { type: "boolean", default: false },
    /** Keep the SQLite file or PostgreSQL schema (named on stderr) to look at query plans afterwards. */
    keep: { type: "boolean", default: false },
  },
});
const userCount = Number(values.users);
const rounds = Number(values.rounds);
const log = (line: string) => process.stderr.write(`${line}\n`);

const FIRST = ["Ada", "Grace", "Linus", "Zoë", "Søren", "Małgorzata", "Hiroshi", "Amélie", "O'Brien", "José"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Torvalds",
  "Ødegaard",
  "Nguyễn",
  "Kowalski",
  "Müller",
  "Smith",
  "Dupont",
];

function user(i: number, deleted: boolean): User | null {
  if (deleted && i % 50 === 7) return null;
  const given = FIRST[i % FIRST.length] ?? "A";
  const family = LAST[(i * 7) % LAST.length] ?? "B";
  const name = `${given.toLowerCase()}.${family.toLowerCase()}.${i}@example.com`;
  return {
    userId: `${(i * 2654435761) % 4294967296}`.padStart(10, "0") + `-${i}`,
    userName: name,
    displayName: `${given} ${family} ${i}`,
    givenName: given,
    familyName: family,
    emails: [name],
    primaryEmail: name,
    externalIds: [],
    status: i % 10 === 3 ? "DISABLED" : "ENABLED",
  };
}

function snapshot(deleted: boolean): ReadResult {
  const users: User[] = [];
  for (let i = 0; i < userCount; i++) {
    const u = user(i, deleted);
    if (u !== null) users.push(u);
  }
  users.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  const snap: Snapshot = {
    instance: {
      instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
      identityStoreId: "d-1234567890",
      ownerAccountId: "123456789012",
      name: null,
      status: "ACTIVE",
      type: "ORGANIZATION",
    },
    users,
    groups: [],
    memberships: [],
    accounts: [],
    permissionSets: [],
    assignments: [],
    access: accessRowsOf([]),
    orphanedAssignments: [],
  };
  return {
    snapshot: snap,
    stats: { callsByAction: {}, retries: 0, throttles: 0, durationMs: 0 },
    warnings: [],
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const dir = mkdtempSync(join(tmpdir(), "idc-sync-bench-users-"));
const pgSchema = `bench_users_${process.pid}`;
const store = await openStore(
  values.postgres === undefined
    ? { sqliteFile: join(dir, "bench.db") }
    : { databaseUrl: values.postgres, schema: pgSchema },
);
let second = false;
const app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: dir }), {
  store,
  logger: false,
  webRoot: null,
  demo: "off",
  detectCredentials: () => Promise.resolve(true),
  read: () => Promise.resolve(snapshot(second)),
  onAdminToken: () => undefined,
});
try {
  const org = app.organization;
  const { token } = await store.createApiToken(org.id, "bench");
  const conn = await store.createConnection(org.id, {
    values: {
      roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
      region: "us-east-1",
      identityStoreId: "d-1234567890",
      instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
    },
  });
  await app.scheduler.stop(); // syncs are driven below, not by the timer
  let t0 = performance.now();
  const first = await app.runner.run(org.id, conn.id);
  log(
    `first sync of ${userCount} users: ${first.state} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  second = true;
  t0 = performance.now();
  const again = await app.runner.run(org.id, conn.id, { force: true });
  log(`second sync (2% deleted): ${again.state} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const get = async (url: string) => {
    const res = await app.server.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as { nextCursor: string | null; items: unknown[] };
  };
  // A cursor deep into the list, as after paging a while.
  let deep: string | null = null;
  for (let i = 0; i < 20; i++)
    deep = (await get(`/api/users?limit=500${deep === null ? "" : `&cursor=${encodeURIComponent(deep)}`}`))
      .nextCursor;

  const queries: Record<string, string> = {
    "first page": "/api/users?limit=50",
    "one connection": `/api/users?limit=50&connectionId=${conn.id}`,
    "status DISABLED": "/api/users?limit=50&status=DISABLED",
    "status DELETED": "/api/users?limit=50&status=DELETED",
    "search 'zoë'": `/api/users?limit=50&q=${encodeURIComponent("zoë")}`,
    "search rare '4242'": "/api/users?limit=50&q=4242",
    "search all 'example'": "/api/users?limit=50&q=example",
    "search 2 chars 'zo'": "/api/users?limit=50&q=zo",
    "search 2 chars, no hit": "/api/users?limit=50&q=qz",
    "search 'ada' DISABLED": "/api/users?limit=50&q=ada&status=DISABLED",
    "sort displayName desc": "/api/users?limit=50&sort=displayName&order=desc",
    "sort status": "/api/users?limit=50&sort=status",
    "sort firstSeenAt": "/api/users?limit=50&sort=firstSeenAt",
    "page 10,001+ (cursor)": `/api/users?limit=50&cursor=${encodeURIComponent(deep ?? "")}`,
  };
  const results: Record<string, { p50: number; p95: number; max: number }> = {};
  for (const [name, url] of Object.entries(queries)) {
    await get(url);
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const s = performance.now();
      await get(url);
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    results[name] = { p50: percentile(ms, 50), p95: percentile(ms, 95), max: ms[ms.length - 1] ?? NaN };
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ users: userCount, dialect: store.dialect, results })}\n`);
  } else {
    process.stdout.write(`GET /api/users, ${userCount} users, ${store.dialect}, ${rounds} rounds (ms)\n`);
    for (const [name, r] of Object.entries(results)) {
      const flag = r.p95 < 300 ? "" : "  <- over 300 ms";
      process.stdout.write(
        `  ${name.padEnd(24)} p50 ${r.p50.toFixed(1).padStart(7)}  p95 ${r.p95.toFixed(1).padStart(7)}  max ${r.max.toFixed(1).padStart(7)}${flag}\n`,
      );
    }
  }
} finally {
  await app.close();
  await store.close();
  if (values.keep)
    log(values.postgres === undefined ? `kept ${join(dir, "bench.db")}` : `kept schema ${pgSchema}`);
  else rmSync(dir, { recursive: true, force: true });
  if (values.postgres !== undefined && !values.keep) {
    const client = new pg.Client({ connectionString: values.postgres });
    await client.connect();
    await client.query(`drop schema if exists "${pgSchema}" cascade`);
    await client.end();
  }
}
