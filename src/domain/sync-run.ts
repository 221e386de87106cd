// One sync of one connection, from claim to commit (or failure).
import type { SyncWarning } from "./model.js";

export type SyncRunState = "running" | "succeeded" | "failed" | "needs_confirmation";

/** What the run read (the new state), and what it changed. */
export interface SyncCounts {
  users: number;
  groups: number;
  memberships: number;
  accounts: number;
  permissionSets: number;
  assignments: number;
  access: number;
  orphanedAssignments: number;
  /** Live users that this run found gone (and marked DELETED, or would have: needs_confirmation). */
  usersDeleted: number;
  /** Change rows committed (0 for the baseline run and for runs that did not commit). */
  changes: number;
}

export interface SyncRunError {
  code: string;
  message: string;
  action: string | null;
}

/** A user a run held by drift protection would have marked DELETED. */
export interface HeldUser {
  userId: string;
  userName: string;
  displayName: string | null;
}

/** What drift protection held back: N (counts.usersDeleted) of `liveUsers` users, and who. */
export interface HeldDeletions {
  /** Live users before the run: the M of "N of M users". */
  liveUsers: number;
  /** The users it would delete, by user name; the first MAX_HELD_USERS when there are more. */
  users: HeldUser[];
}

/** Users a held run keeps by name: enough to recognise the pattern, small enough to store. */
export const MAX_HELD_USERS = 500;

export interface SyncRun {
  id: string;
  connectionId: string;
  organizationId: string;
  startedAt: string;
  finishedAt: string | null;
  state: SyncRunState;
  /** Committed with `force` past drift protection. */
  forced: boolean;
  /** Null until the read finished. */
  counts: SyncCounts | null;
  /** Calls sent per IAM action, retries included. */
  callsByAction: Record<string, number>;
  retries: number;
  throttles: number;
  warnings: SyncWarning[];
  error: SyncRunError | null;
  /** Set on a run drift protection held (needs_confirmation); null otherwise. */
  heldDeletions: HeldDeletions | null;
}

/** Error code of a run stopped by drift protection. */
export const DRIFT_PROTECTION_CODE = "drift_protection";
/** Error code of a run whose process died (its lease expired). */
export const ABANDONED_RUN_CODE = "sync_abandoned";
/** Default drift protection threshold: the share of live users one run may delete. */
export const DEFAULT_MAX_DELETE_SHARE = 0.2;
