// Public entry of the AWS Identity Center connector: read one instance completely.
import type { ConnectionValues, ReadResult } from "../../domain/model.js";

export interface ReadProgress {
  /** A short phase name: "users", "groups", "memberships", "permissionSets", "accounts", "assignments". */
  phase: string;
  /** Items read so far in this phase. */
  done: number;
}

export interface ReadOptions {
  values: ConnectionValues;
  /** The idc-sync organization's external id: sent as sts:ExternalId when assuming the role. */
  externalId: string;
  /** Our connection id: goes into the RoleSessionName. */
  connectionId: string;
  /** Optional role the platform assumes first (IDC_SYNC_PLATFORM_ROLE_ARN). */
  platformRoleArn?: string;
  /** Per-connection endpoint override (the demo's sandbox); otherwise the SDK's own resolution. */
  endpointUrl?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
}

/**
 * Reads the instance, maps it and resolves effective access. Throws an IdcSyncError subclass
 * (ValidationError before any AWS call for bad values; AccessDeniedError naming the action for a
 * required part; RetryableError/FatalError otherwise). Optional parts denied become warnings.
 */
export function readIdentityCenter(_options: ReadOptions): Promise<ReadResult> {
  return Promise.reject(new Error("not implemented yet"));
}
