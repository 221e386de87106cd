// Connections of an organization, and the runs the surfaces show.
import type { Connection, ConnectionPatch, NewConnection } from "../domain/connection.js";
import type { SyncRun } from "../domain/sync-run.js";
import type { Page } from "./read-models.js";

export interface ConnectionsPort {
  /** ConflictError when the organization already connected this instance ARN. */
  createConnection(orgId: string, input: NewConnection): Promise<Connection>;
  getConnection(orgId: string, connectionId: string): Promise<Connection>;
  listConnections(orgId: string): Promise<Connection[]>;
  /** Every connection of every organization: for the scheduler only. */
  listAllConnections(): Promise<Connection[]>;
  updateConnection(orgId: string, connectionId: string, patch: ConnectionPatch): Promise<Connection>;
  /** Deletes the connection with its runs, state and history. */
  deleteConnection(orgId: string, connectionId: string): Promise<void>;
  /** Marks runs whose lease passed as failed (`sync_abandoned`); returns how many. */
  recoverStaleRuns(): Promise<number>;
  getSyncRun(orgId: string, runId: string): Promise<SyncRun>;
  /** Newest first. */
  listSyncRuns(
    orgId: string,
    connectionId: string,
    options?: { limit?: number; cursor?: string | null },
  ): Promise<Page<SyncRun>>;
}
