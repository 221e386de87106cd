// What the job queue does with a sync's outcome. AWS errors fall into two kinds: passing ones
// (throttling, 5xx, a network blip, a worker that died or was stopped, a claim another process
// still holds) get better by waiting, so the job is retried with exponential backoff; refusals
// (access denied, validation, a missing instance, a bad trust policy) do not, so retrying would
// only spend the customer's AWS quota: the job fails at once and the run's error tells the fix.

/** Run error codes worth another attempt. Every other code fails the job without retrying. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  "throttled",
  "retryable",
  // An unexpected error may be a passing one (e.g. the database restarting): a bounded retry is cheap.
  "internal",
  "lease_lost",
  // The worker was stopped (SIGTERM) mid-sync: the job goes back to the queue for another worker.
  "aborted",
  "sync_abandoned",
  "worker_exited",
  // Another process still holds the connection's claim (e.g. a killed worker's, until it lapses).
  "conflict",
]);

export type JobDisposition =
  /** The job is done: the run succeeded, was held by drift protection, or was cancelled. */
  | { kind: "complete" }
  /** Try again later (pg-boss's retry with backoff). */
  | { kind: "retry"; code: string; message: string }
  /** Fail the job now, without retries. */
  | { kind: "fail"; code: string; message: string };

export interface SyncOutcome {
  state: "succeeded" | "failed" | "needs_confirmation";
  error: { code: string; message: string } | null;
}

export function disposition(outcome: SyncOutcome): JobDisposition {
  if (outcome.state !== "failed") return { kind: "complete" };
  const code = outcome.error?.code ?? "internal";
  const message = outcome.error?.message ?? "the sync failed";
  if (code === "cancelled") return { kind: "complete" };
  return RETRYABLE_CODES.has(code) ? { kind: "retry", code, message } : { kind: "fail", code, message };
}

/** The disposition of an error thrown before a run existed (e.g. the claim was refused). */
export function dispositionOfError(err: unknown): JobDisposition {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : "internal";
  const message = typeof e.message === "string" ? e.message : String(err);
  // The connection was deleted since the job was queued: nothing is left to do.
  if (code === "not_found") return { kind: "complete" };
  return disposition({ state: "failed", error: { code, message } });
}
