// The sync's side of the store, as the engine's port (src/engine/sync-store.ts) asks for it:
// claim, load the stored state in pages, commit, finish. The engine declares what it needs; this
// is the store's promise to provide it (the composition root hands a KyselyStore to the runner,
// and the compiler checks the two agree).
import type {
  ClaimOptions,
  StoredFindings,
  StoredState,
  SyncCommit,
  SyncFinish,
  UserScopedState,
} from "../domain/sync-state.js";
import type { Finding } from "../domain/findings/types.js";
import type { ActivityRead, StoredActivityFacts, StoredActivityState } from "../domain/activity.js";
import type { SyncRun } from "../domain/sync-run.js";

export interface SyncPort {
  /** Starts a run; ConflictError while another live run holds the connection. */
  claimSyncRun(orgId: string, connectionId: string, options: ClaimOptions): Promise<SyncRun>;
  /** Extends the lease; false when the run is no longer running (taken over or finished). */
  renewSyncRun(runId: string, leaseMs: number): Promise<boolean>;
  /** Ends a run without touching the connection's state data. */
  finishSyncRun(runId: string, finish: SyncFinish): Promise<SyncRun>;
  /** Writes the new state, its changes, its findings and the run record in one transaction. */
  commitSyncRun(runId: string, commit: SyncCommit): Promise<SyncRun>;
  loadState(orgId: string, connectionId: string): Promise<StoredState>;
  /** Memberships and access rows of the given users (callers pass a few hundred at a time). */
  loadUserScoped(orgId: string, connectionId: string, userIds: string[]): Promise<UserScopedState>;
  loadFindingStates(orgId: string, connectionId: string): Promise<StoredFindings>;
  /** The stored findings with these ids (any status); unknown ids are skipped. */
  getFindings(orgId: string, connectionId: string, ids: readonly string[]): Promise<Finding[]>;
  getActivityState(orgId: string, connectionId: string): Promise<StoredActivityState>;
  loadActivityFacts(orgId: string, connectionId: string, grantedAfter: string): Promise<StoredActivityFacts>;
  claimActivity(
    orgId: string,
    connectionId: string,
    lease: { holder: string; now: string; until: string },
  ): Promise<boolean>;
  renewActivity(connectionId: string, holder: string, until: string): Promise<boolean>;
  releaseActivity(connectionId: string, holder: string): Promise<void>;
  listPendingActivity(now: string): Promise<{ orgId: string; connectionId: string }[]>;
  permissionSetNames(orgId: string, connectionId: string): Promise<{ name: string; arn: string }[]>;
  commitActivity(
    orgId: string,
    connectionId: string,
    holder: string,
    at: string,
    read: ActivityRead,
  ): Promise<boolean>;
}
