// The entry of a sync's worker thread (started by src/scheduler/sync-thread-runner.ts): a
// composition root of its own. It opens its own store connection, reads the connection through
// the one sync wiring (src/sync-wiring.ts) and runs the usual SyncRunner, posting the claim,
// progress and outcome to its parent and stopping (without committing anything) when the parent
// asks it to.
import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "./config.js";
import { IdcSyncError } from "./domain/errors.js";
import { SyncRunner } from "./engine/sync-runner.js";
import type { FromThread, SyncThreadData, ToThread } from "./scheduler/sync-thread-runner.js";
import { openStore } from "./store/open-store.js";
import { syncReader } from "./sync-wiring.js";

const PROGRESS_EVERY_MS = 250;
/**
 * SQLite: the thread's writers wait this long for the write lock. The service's other threads
 * (another sync's large commit) may hold it for longer than the service's own 10 s, and waiting
 * here blocks no one.
 */
const THREAD_SQLITE_BUSY_TIMEOUT_MS = 10 * 60_000;

async function run(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error("src/sync-thread.ts runs only as a worker thread");
  const data = workerData as SyncThreadData;
  const post = (m: FromThread): void => port.postMessage(m);
  const controller = new AbortController();
  port.on("message", (m: ToThread) => {
    if (m.type === "abort") controller.abort(new IdcSyncError(m.code, m.message));
  });

  const store = await openStore({
    dataDir: data.config.dataDir,
    databaseUrl: data.config.databaseUrl,
    maxConnections: 2,
    sqliteBusyTimeoutMs: THREAD_SQLITE_BUSY_TIMEOUT_MS,
  });
  let lastPhase = "";
  let lastPost = 0;
  try {
    const app = data.config.app as Config;
    const credentials = data.config.platformCredentials;
    const read = syncReader(app, {
      ...(credentials === undefined
        ? {}
        : { platformCredentials: () => Promise.resolve({ ...credentials }) }),
      // The service's syncs: a stored endpoint is re-checked against the allowlist first.
      endpointAllowlist: app.endpointAllowlist,
      onProgress: (_connectionId, p) => {
        // Every item reports; the parent (and the stored progress) needs a few a second at most.
        const now = Date.now();
        if (p.phase === lastPhase && now - lastPost < PROGRESS_EVERY_MS) return;
        lastPhase = p.phase;
        lastPost = now;
        post({ type: "progress", phase: p.phase, done: p.done });
      },
    });
    const runner = new SyncRunner({
      store,
      read,
      ...(data.config.leaseMs === undefined ? {} : { leaseMs: data.config.leaseMs }),
      inactivityDays: app.inactivityDays,
    });
    try {
      const result = await runner.run(data.organizationId, data.connectionId, {
        force: data.force,
        signal: controller.signal,
        onClaimed: (claimed) => post({ type: "claimed", runId: claimed.id }),
      });
      post({
        type: "done",
        runId: result.id,
        state: result.state === "running" ? "failed" : result.state,
        error: result.error,
      });
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      post({
        type: "error",
        code: typeof e.code === "string" ? e.code : "internal",
        message: typeof e.message === "string" ? e.message : String(err),
      });
    }
  } finally {
    await store.close().catch(() => undefined);
  }
}

await run();
