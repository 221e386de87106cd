// Runs one sync in its own worker thread (node:worker_threads) with a heap limit, so that an
// oversized sync fails alone ("sync exceeded its memory limit of N MB; ...") while the process
// goes on serving, and so that a large commit's synchronous work does not stall the process's
// event loop. The thread (src/sync-thread.ts) opens its own store connection and runs the usual
// SyncRunner; this side relays abort requests in and progress out, and records the run as failed
// when the thread dies without finishing it (out of memory, or a crash).
import { Worker } from "node:worker_threads";
import type { SyncRunError } from "../domain/sync-run.js";
import type { SyncStore } from "../engine/sync-store.js";

/** What the thread needs besides the request: where the data is and how to reach AWS. */
export interface SyncThreadConfig {
  dataDir: string;
  databaseUrl: string | undefined;
  leaseMs: number | undefined;
  /** The process's whole configuration (src/config.ts's Config), for the thread's sync wiring. */
  app: object;
  /**
   * The platform's own credentials, resolved by the parent, when it was given them (a test seam:
   * a provider function cannot cross into a thread). Absent: the thread's SDK chain, as in
   * production.
   */
  platformCredentials?: StaticCredentials;
}

export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SyncThreadRequest {
  organizationId: string;
  connectionId: string;
  force: boolean;
}

export interface SyncThreadData extends SyncThreadRequest {
  config: SyncThreadConfig;
}

/** Messages the thread posts. */
export type FromThread =
  | { type: "claimed"; runId: string }
  | { type: "progress"; phase: string; done: number }
  | {
      type: "done";
      runId: string;
      state: "succeeded" | "failed" | "needs_confirmation";
      error: SyncRunError | null;
    }
  | { type: "error"; code: string; message: string };

/** Messages the thread reads. */
export interface ToThread {
  type: "abort";
  code: string;
  message: string;
}

export interface ThreadOutcome {
  /** Null when the sync ended before a run was recorded (e.g. its claim was refused). */
  runId: string | null;
  state: "succeeded" | "failed" | "needs_confirmation";
  error: SyncRunError | null;
}

export interface SyncThreadOptions {
  config: SyncThreadConfig;
  memoryMb: number;
  store: Pick<SyncStore, "finishSyncRun">;
  /** How long an aborted thread may take to record its run before it is terminated (default 15 s). */
  abortGraceMs?: number;
}

export const MEMORY_LIMIT_CODE = "sync_memory_limit";

export function memoryLimitMessage(memoryMb: number): string {
  return `sync exceeded its memory limit of ${memoryMb} MB; raise IDC_SYNC_SYNC_MEMORY_MB`;
}

/** The thread's module: the compiled one, or the TypeScript source under a test runner. */
function threadEntry(): { url: URL; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  return fromSource
    ? { url: new URL("../sync-thread.ts", import.meta.url), execArgv: ["--import", "tsx"] }
    : { url: new URL("../sync-thread.js", import.meta.url), execArgv: [] };
}

export interface RunInThreadHooks {
  signal?: AbortSignal;
  onClaimed?: (runId: string) => void;
  onProgress?: (progress: { phase: string; done: number }) => void;
}

/** Runs the sync to its end in a new thread. Never rejects: a dead thread is a failed outcome. */
export function runSyncInThread(
  options: SyncThreadOptions,
  request: SyncThreadRequest,
  hooks: RunInThreadHooks = {},
): Promise<ThreadOutcome> {
  const entry = threadEntry();
  const data: SyncThreadData = { ...request, config: options.config };
  const worker = new Worker(entry.url, {
    workerData: data,
    execArgv: entry.execArgv,
    resourceLimits: {
      maxOldGenerationSizeMb: options.memoryMb,
      // The young generation is part of the budget too, kept small so that the limit means the heap;
      // at most 48 MB: 16 MB semi-spaces, as bin/idc-sync.js gives the service (see there why).
      maxYoungGenerationSizeMb: Math.max(4, Math.min(48, Math.floor(options.memoryMb / 8))),
    },
  });
  let runId: string | null = null;
  let outcome: ThreadOutcome | null = null;
  let abortTimer: NodeJS.Timeout | undefined;

  const onAbort = (): void => {
    const reason: unknown = hooks.signal?.reason;
    const r = reason as { code?: unknown; message?: unknown } | undefined;
    const msg: ToThread = {
      type: "abort",
      code: typeof r?.code === "string" ? r.code : "aborted",
      message:
        typeof r?.message === "string"
          ? r.message
          : "the sync was stopped before it finished; nothing was changed",
    };
    worker.postMessage(msg);
    abortTimer = setTimeout(() => void worker.terminate(), options.abortGraceMs ?? 15_000);
    abortTimer.unref();
  };
  if (hooks.signal?.aborted === true) queueMicrotask(onAbort);
  else hooks.signal?.addEventListener("abort", onAbort, { once: true });

  return new Promise<ThreadOutcome>((resolve) => {
    let threadError: Error | null = null;
    worker.on("message", (m: FromThread) => {
      if (m.type === "claimed") {
        runId = m.runId;
        hooks.onClaimed?.(m.runId);
      } else if (m.type === "progress") {
        hooks.onProgress?.({ phase: m.phase, done: m.done });
      } else {
        outcome =
          m.type === "done"
            ? { runId: m.runId, state: m.state, error: m.error }
            : { runId, state: "failed", error: { code: m.code, message: m.message, action: null } };
        // The outcome is recorded; idle keep-alive sockets would hold the thread open: end it.
        void worker.terminate();
      }
    });
    worker.on("error", (err: Error) => {
      threadError = err;
    });
    worker.on("exit", () => {
      clearTimeout(abortTimer);
      hooks.signal?.removeEventListener("abort", onAbort);
      if (outcome !== null) {
        resolve(outcome);
        return;
      }
      const code = (threadError as { code?: unknown } | null)?.code;
      const error: SyncRunError =
        code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { code: MEMORY_LIMIT_CODE, message: memoryLimitMessage(options.memoryMb), action: null }
          : hooks.signal?.aborted === true
            ? {
                code: "aborted",
                message: "the sync was stopped before it finished; nothing was changed",
                action: null,
              }
            : {
                code: "worker_exited",
                message: `the sync's thread ended before it finished${threadError === null ? "" : `: ${threadError.message}`}`,
                action: null,
              };
      // The thread held the run (it was claimed) and never finished it: record it as failed now,
      // rather than leave the connection "syncing" until its claim lapses. Nothing was committed:
      // a commit is one transaction that the thread's death rolled back.
      const record =
        runId === null
          ? Promise.resolve()
          : options.store
              .finishSyncRun(runId, {
                state: "failed",
                at: new Date().toISOString(),
                error,
                counts: null,
                stats: null,
                warnings: [],
              })
              .then(() => undefined)
              .catch(() => undefined);
      void record.then(() => resolve({ runId, state: "failed", error }));
    });
  });
}
