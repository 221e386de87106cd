// Findings at the end of a sync: evaluate the rules over the new snapshot (pure, no AWS call),
// reconcile with the stored findings (lifecycle), and hand the writes and change rows to the
// commit, which applies them in the sync's own transaction.
import type { FindingsActivity } from "../domain/activity.js";
import { buildFindingsContext } from "../domain/findings/context.js";
import { eachFinding } from "../domain/findings/evaluate.js";
import { findingChange, planFindings, type FindingChangeDraft } from "../domain/findings/lifecycle.js";
import type { Snapshot } from "../domain/model.js";
import type { FindingCommit } from "../domain/sync-state.js";
import type { SyncStore } from "./sync-store.js";

export interface SyncFindings {
  commit: FindingCommit;
  /** finding.opened and finding.resolved rows (none on a connection's first evaluation). */
  changes: FindingChangeDraft[];
  counts: { open: number; accepted: number; opened: number; resolved: number };
}

export async function evaluateSyncFindings(
  store: SyncStore,
  orgId: string,
  connectionId: string,
  snapshot: Snapshot,
  at: string,
  activity?: FindingsActivity,
): Promise<SyncFindings> {
  const stored = await store.loadFindingStates(orgId, connectionId);
  const ctx = buildFindingsContext(snapshot, activity);
  // The rows to write are made again as the commit writes them (planFindings): not held whole.
  const writes = planFindings(() => eachFinding(ctx), stored.states, at, !stored.evaluated);
  const changes = writes.changes;
  if (stored.evaluated && writes.resolve.length > 0) {
    for (const f of await store.getFindings(orgId, connectionId, writes.resolve))
      changes.push(findingChange(f, "finding.resolved", {}));
  }
  return { commit: { upsert: writes.upsert, resolve: writes.resolve }, changes, counts: writes.counts };
}
