// How the embedded scheduler (scheduler.ts, the single process on SQLite) runs one sync: in its
// own worker thread (sync-thread-runner.ts) by default, as a queue worker does on PostgreSQL, so
// that a large commit does not stall the service's event loop and an oversized sync fails alone.
// The thread opens its own connection to the same SQLite file (WAL: the service reads on while
// the thread commits). In this thread only where a thread cannot share what the sync needs: an
// injected store (e.g. an in-memory SQLite) or an injected read (tests).
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { ConflictError, IdcSyncError, NotFoundError } from "../domain/errors.js";
import type { SyncRun } from "../domain/sync-run.js";
import type { SyncRunner } from "../engine/sync-runner.js";
import type { Metrics } from "./metrics.js";
import type { RunRequest, ScheduleEntry, SyncProgress } from "./scheduler.js";
import { runSyncInThread, type SyncThreadOptions } from "./sync-thread-runner.js";

export type EmbeddedRunMode =
  | {
      kind: "thread";
      thread: SyncThreadOptions;
      /** The platform's credentials when given as a seam: resolved here, handed to the thread. */
      platformCredentials?: AwsCredentialIdentityProvider | undefined;
      getSyncRun(organizationId: string, runId: string): Promise<SyncRun>;
      onProgress(connectionId: string, progress: SyncProgress): void;
    }
  | { kind: "process"; runner: SyncRunner };

/** Runs one sync to its end; rejects when it did not succeed (the run is recorded by then). */
export type EmbeddedRunSync = (entry: ScheduleEntry, request: RunRequest) => Promise<void>;

export function embeddedRunSync(mode: EmbeddedRunMode, metrics: Metrics): EmbeddedRunSync {
  return async (entry, request) => {
    const { run, error } =
      mode.kind === "process"
        ? await inProcess(mode.runner, entry, request)
        : await inThread(mode, entry, request);
    if (run !== null) {
      metrics.recordSync({
        outcome: run.state === "failed" ? (run.error?.code ?? "failed") : run.state,
        seconds: (Date.parse(run.finishedAt ?? run.startedAt) - Date.parse(run.startedAt)) / 1000,
        callsByAction: run.callsByAction,
        throttles: run.throttles,
      });
    }
    if (error !== null) throw error;
  };
}

interface Ended {
  /** The recorded run; null when none was (e.g. its claim was refused). */
  run: SyncRun | null;
  /** Why it did not succeed; null when it did. */
  error: IdcSyncError | null;
}

function notSucceeded(state: string, error: { code: string; message: string } | null): IdcSyncError {
  return new IdcSyncError(error?.code ?? state, error?.message ?? `sync ${state}`);
}

async function inProcess(runner: SyncRunner, entry: ScheduleEntry, request: RunRequest): Promise<Ended> {
  // "Sync now" answers once the run is claimed (or failed to be).
  const run = await runner.run(entry.organizationId, entry.id, {
    force: request.force,
    signal: request.signal,
    onClaimed: request.onClaimed,
  });
  return { run, error: run.state === "succeeded" ? null : notSucceeded(run.state, run.error) };
}

async function inThread(
  mode: Extract<EmbeddedRunMode, { kind: "thread" }>,
  entry: ScheduleEntry,
  request: RunRequest,
): Promise<Ended> {
  const given = await mode.platformCredentials?.();
  const thread: SyncThreadOptions =
    given === undefined
      ? mode.thread
      : {
          ...mode.thread,
          config: {
            ...mode.thread.config,
            platformCredentials: {
              accessKeyId: given.accessKeyId,
              secretAccessKey: given.secretAccessKey,
              ...(given.sessionToken === undefined ? {} : { sessionToken: given.sessionToken }),
            },
          },
        };
  const outcome = await runSyncInThread(
    thread,
    { organizationId: entry.organizationId, connectionId: entry.id, force: request.force },
    {
      signal: request.signal,
      onClaimed: () => request.onClaimed(),
      onProgress: (p) => mode.onProgress(entry.id, p),
    },
  );
  // The stored run has what the metrics want (AWS calls, throttles, its duration).
  const run =
    outcome.runId === null
      ? null
      : await mode.getSyncRun(entry.organizationId, outcome.runId).catch(() => null);
  if (outcome.runId === null && outcome.error !== null) throw beforeClaim(outcome.error);
  return {
    run,
    error: outcome.state === "succeeded" ? null : notSucceeded(outcome.state, outcome.error),
  };
}

/** An error the thread's runner threw before a run existed, as the runner throws it in process. */
function beforeClaim(error: { code: string; message: string }): IdcSyncError {
  if (error.code === "conflict") return new ConflictError(error.message);
  if (error.code === "not_found") return new NotFoundError(error.message);
  return new IdcSyncError(error.code, error.message);
}
