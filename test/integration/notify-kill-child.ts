// The killed-delivery test's child process (notify-killed.test.ts): the service's notification
// wiring on a SQLite file or a PostgreSQL schema. "sync": commits a sync with one new user (its
// event goes to the outbox in the commit), prints "committed RUN_ID", then delivers as the service does. "deliver": only
// delivers (the restarted service). It runs until killed.
import { startNotificationDispatch } from "../../src/scheduler/notify-dispatch.js";
import { parseEndpointAllowlist } from "../../src/domain/endpoint-allowlist.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { openStore } from "../../src/store/open-store.js";
import { baseWorld } from "./notify-kill-world.js";
import { readResult, user } from "../store/fixtures.js";

const [mode, target, orgId, connectionId] = process.argv.slice(2);
if (target === undefined || orgId === undefined || connectionId === undefined)
  throw new Error("usage: MODE sqlite:FILE|pg:SCHEMA ORG CONN");
// PostgreSQL: TEST_DATABASE_URL and the test's schema.
const store = target.startsWith("pg:")
  ? await openStore({
      databaseUrl: process.env["TEST_DATABASE_URL"] ?? "",
      schema: target.slice(3),
      maxConnections: 2,
    })
  : await openStore({ sqliteFile: target.replace(/^sqlite:/, "") });
if (mode === "sync") {
  const world = baseWorld();
  world.users.push(user(11));
  const runner = new SyncRunner({ store, read: () => Promise.resolve(readResult(world)) });
  const run = await runner.run(orgId, connectionId);
  process.stdout.write(`committed ${run.id} ${run.state}\n`);
}
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
await startNotificationDispatch({
  store,
  settings: {
    baseUrl: "http://localhost:8080",
    allowlist: parseEndpointAllowlist("127.0.0.1:*"),
    timeoutMs: 300,
    pollMs: 100,
    retryBaseMs: 50,
  },
  log,
  boss: null,
  worker: true,
});
process.stdout.write("delivering\n");
setInterval(() => undefined, 60_000);
