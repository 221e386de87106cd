// What a sync reads from storage and hands back to it: the engine's sync port (src/engine/
// sync-store.ts) speaks these types and the store implements them. They live in the domain so that
// neither layer imports the other's.
import type { ActivityRead } from "./activity.js";
import type { ChangeDraft } from "./change.js";
import type { FindingPlan, StoredFindingState } from "./findings/lifecycle.js";
import type {
  AccessGrant,
  Account,
  Assignment,
  Group,
  Membership,
  PermissionSet,
  SyncStats,
  SyncWarning,
  User,
  UserStatus,
} from "./model.js";
import type { HeldDeletions, SyncCounts, SyncRunError } from "./sync-run.js";

/** A user as stored: the AWS fields plus what idc-sync tracks over time. */
export interface StoredUser extends Omit<User, "status"> {
  status: UserStatus;
  firstSeenAt: string;
  deletedAt: string | null;
}

/** The stored state of a connection, except the two large user-scoped tables (see loadUserScoped). */
export interface StoredState {
  users: StoredUser[];
  groups: Group[];
  accounts: Account[];
  permissionSets: PermissionSet[];
  assignments: Assignment[];
}

/** A stored access row, its paths as the canonical JSON text (compared as text by the diff). */
export interface StoredAccess {
  userId: string;
  accountId: string;
  permissionSetArn: string;
  via: string;
}

export interface UserScopedState {
  memberships: Membership[];
  access: StoredAccess[];
}

export interface AccessKey {
  userId: string;
  accountId: string;
  permissionSetArn: string;
}

/** Row-level writes of one commit, as computed by the engine's diff (src/engine/diff/). */
export interface StateWrites {
  /** Inserted or replaced (a user gone from AWS is replaced by its DELETED row, never removed). */
  users: StoredUser[];
  groups: { upsert: Group[]; remove: string[] };
  memberships: { add: Membership[]; remove: Membership[] };
  accounts: { upsert: Account[]; remove: string[] };
  permissionSets: { upsert: PermissionSet[]; remove: string[] };
  assignments: { add: Assignment[]; remove: Assignment[] };
  /** An array, or the snapshot's compact rows on a first sync (written as they are read). */
  access: { upsert: Iterable<AccessGrant> & { readonly length: number }; remove: AccessKey[] };
  /** User names of the live users: access_grants keeps each row's user name for sorting. */
  userNames: ReadonlyMap<string, string>;
  /** Live users whose user name changed: their access rows get the new name. */
  renamedUsers: { userId: string; userName: string }[];
}

export interface SyncCommit {
  /** The commit time: the run's finishedAt, the changes' `at`, the connection's lastSyncedAt. */
  at: string;
  forced: boolean;
  counts: SyncCounts;
  stats: SyncStats;
  warnings: SyncWarning[];
  writes: StateWrites;
  changes: ChangeDraft[];
  /** The sync's findings (absent: findings were not evaluated, and stay as stored). */
  findings?: FindingCommit;
  /**
   * The sync's read of sign-in activity with the activity lease it was read under (absent: not
   * read; the stored activity stays). Written only while `holder` still holds the lease.
   */
  activity?: { read: ActivityRead; holder: string };
}

export interface SyncFinish {
  state: "failed" | "needs_confirmation";
  at: string;
  error: SyncRunError;
  counts?: SyncCounts | null;
  stats?: SyncStats | null;
  warnings?: SyncWarning[];
  /** needs_confirmation: whom the run would have deleted. */
  heldDeletions?: HeldDeletions;
}

export interface ClaimOptions {
  /** How long the claim holds without renewal; a run not renewed in time may be taken over. */
  leaseMs: number;
}

export interface StoredFindings {
  /** False until a sync of the connection evaluated findings: the next evaluation is a baseline. */
  evaluated: boolean;
  states: Map<string, StoredFindingState>;
}

/**
 * The findings part of one sync's commit. `upsert` may be made as it is iterated (planFindings):
 * the commit takes it once.
 */
export type FindingCommit = Pick<FindingPlan, "upsert" | "resolve">;
