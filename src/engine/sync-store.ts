// The engine's port on storage: exactly what running a sync needs. The engine owns this interface;
// the store (src/store/, a layer it does not import) provides it, and the composition root hands
// one to the SyncRunner. Its types live in the domain (domain/sync-state.ts).
import type { Connection } from "../domain/connection.js";
import type { ActivityRead, StoredActivityFacts, StoredActivityState } from "../domain/activity.js";
import type { Finding } from "../domain/findings/types.js";
import type { Organization } from "../domain/organization.js";
import type { SyncRun } from "../domain/sync-run.js";
import type {
  ClaimOptions,
  StoredFindings,
  StoredState,
  SyncCommit,
  SyncFinish,
  UserScopedState,
} from "../domain/sync-state.js";

export interface SyncStore {
  getOrganization(orgId: string): Promise<Organization>;
  getConnection(orgId: string, connectionId: string): Promise<Connection>;
  /** Starts a run; a ConflictError while another live run holds the connection. */
  claimSyncRun(orgId: string, connectionId: string, options: ClaimOptions): Promise<SyncRun>;
  /** Extends the lease; false when the run is no longer running (taken over or finished). */
  renewSyncRun(runId: string, leaseMs: number): Promise<boolean>;
  /** Ends a run without touching the connection's state data. */
  finishSyncRun(runId: string, finish: SyncFinish): Promise<SyncRun>;
  /** Writes the new state, its changes, its findings and the run record in one transaction. */
  commitSyncRun(runId: string, commit: SyncCommit): Promise<SyncRun>;
  getSyncRun(orgId: string, runId: string): Promise<SyncRun>;
  /** The stored state except the user-scoped tables, for the diff's baseline. */
  loadState(orgId: string, connectionId: string): Promise<StoredState>;
  /** Memberships and access rows of a page of users (the diff asks a few hundred at a time). */
  loadUserScoped(orgId: string, connectionId: string, userIds: string[]): Promise<UserScopedState>;
  loadFindingStates(orgId: string, connectionId: string): Promise<StoredFindings>;
  /** The stored findings with these ids (any status); unknown ids are skipped. */
  getFindings(orgId: string, connectionId: string, ids: readonly string[]): Promise<Finding[]>;
  /** The connection's sign-in activity state: the cursor the next read starts from. */
  getActivityState(orgId: string, connectionId: string): Promise<StoredActivityState>;
  /** Stored last sign-ins and uses, and the access rows granted after `grantedAfter`. */
  loadActivityFacts(orgId: string, connectionId: string, grantedAfter: string): Promise<StoredActivityFacts>;
  /** Takes the connection's activity lease (one reader of its CloudTrail history at a time). */
  claimActivity(orgId: string, connectionId: string, lease: ActivityLease): Promise<boolean>;
  /** Extends it; false when `holder` lost it. */
  renewActivity(connectionId: string, holder: string, until: string): Promise<boolean>;
  releaseActivity(connectionId: string, holder: string): Promise<void>;
}

export interface ActivityLease {
  holder: string;
  /** ISO times: now, and when the lease runs out unless renewed. */
  now: string;
  until: string;
}

/** The store as the sign-in history's backfill turns need it (engine/activity-backfill.ts). */
export interface ActivityStore extends Pick<
  SyncStore,
  "getOrganization" | "getConnection" | "getActivityState" | "claimActivity" | "releaseActivity"
> {
  /** Connections with history left to read and no reader now. */
  listPendingActivity(now: string): Promise<{ orgId: string; connectionId: string }[]>;
  /** The connection's permission sets by name (a federation names its permission set). */
  permissionSetNames(orgId: string, connectionId: string): Promise<{ name: string; arn: string }[]>;
  /** Writes a turn's read and releases the lease; false (nothing written) when `holder` lost it. */
  commitActivity(
    orgId: string,
    connectionId: string,
    holder: string,
    at: string,
    read: ActivityRead,
  ): Promise<boolean>;
}
