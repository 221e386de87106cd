// A connection: one Identity Center instance of one organization, with its schedule and state.
import type { ConnectionValues, SyncWarning } from "./model.js";
import type { SyncRunState } from "./sync-run.js";

export type ConnectionState = "pending" | "syncing" | "connected" | "error";

/** Every 6 hours unless set otherwise. */
export const DEFAULT_SCHEDULE_MINUTES = 360;

export interface ConnectionError {
  code: string;
  message: string;
  /** The IAM action that was denied, where that is the cause. */
  action: string | null;
}

export interface Connection {
  id: string;
  organizationId: string;
  name: string;
  values: ConnectionValues;
  /** Advanced: an AWS-compatible endpoint for this connection only (the demo's sandbox). */
  endpointUrl: string | null;
  /**
   * The built-in demo's connection (stored when `start` creates it): its sandbox runs inside the
   * service, takes the demo's dummy platform credentials and no request budget.
   */
  demo: boolean;
  scheduleMinutes: number;
  state: ConnectionState;
  /** The error of the last failed run; cleared by the next successful one. */
  lastError: ConnectionError | null;
  /** When the last successful sync committed; null before the first. */
  lastSyncedAt: string | null;
  /** Warnings of the last successful sync (optional parts that could not be read). */
  lastWarnings: SyncWarning[];
  /** The latest run, whatever its outcome (e.g. `needs_confirmation`). */
  lastRunId: string | null;
  lastRunState: SyncRunState | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewConnection {
  values: ConnectionValues;
  /** Defaults to "AWS Identity Center (<identityStoreId>)". */
  name?: string;
  endpointUrl?: string | null;
  /** Only the demo sets it. */
  demo?: boolean;
  scheduleMinutes?: number;
}

export interface ConnectionPatch {
  name?: string;
  /** Changing instanceArn to one the organization already connected is a ConflictError. */
  values?: Partial<ConnectionValues>;
  endpointUrl?: string | null;
  scheduleMinutes?: number;
}

export function defaultConnectionName(values: ConnectionValues): string {
  return `AWS Identity Center (${values.identityStoreId})`;
}
