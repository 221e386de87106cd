// RunControlPort on sync_runs (progress_phase, progress_done, cancel_requested_at): see
// run-control-port.ts.
import type { StoreContext } from "./context.js";
import { nowIso } from "./context.js";
import type { RunProgress } from "./run-control-port.js";

export async function setRunProgress(ctx: StoreContext, runId: string, progress: RunProgress): Promise<void> {
  await ctx.db
    .updateTable("sync_runs")
    .set({ progress_phase: progress.phase, progress_done: progress.done })
    .where("id", "=", runId)
    .where("state", "=", "running")
    .execute();
}

export async function getRunProgress(
  ctx: StoreContext,
  orgId: string,
  runId: string,
): Promise<RunProgress | null> {
  const row = await ctx.db
    .selectFrom("sync_runs")
    .select(["progress_phase", "progress_done"])
    .where("id", "=", runId)
    .where("organization_id", "=", orgId)
    .where("state", "=", "running")
    .executeTakeFirst();
  if (row === undefined || row.progress_phase === null) return null;
  return { phase: row.progress_phase, done: row.progress_done ?? 0 };
}

export async function requestSyncCancel(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<boolean> {
  const res = await ctx.db
    .updateTable("sync_runs")
    .set({ cancel_requested_at: nowIso(ctx) })
    .where("organization_id", "=", orgId)
    .where("connection_id", "=", connectionId)
    .where("state", "=", "running")
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

export async function isSyncCancelRequested(ctx: StoreContext, runId: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom("sync_runs")
    .select("cancel_requested_at")
    .where("id", "=", runId)
    .executeTakeFirst();
  return row?.cancel_requested_at !== undefined && row.cancel_requested_at !== null;
}
