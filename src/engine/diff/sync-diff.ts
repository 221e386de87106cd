// The diff of a sync, the one function the sync runner calls: compares a connection's stored
// state with a new snapshot and returns the change rows and the row-level writes that turn the one
// into the other. The small tables are compared at once (core.ts), memberships and access a chunk
// of users at a time (links.ts), so memory stays near one snapshot even at a million rows.
import type { ChangeDraft } from "../../domain/change.js";
import type { Snapshot } from "../../domain/model.js";
import type { StateWrites, StoredState, UserScopedState } from "../../domain/sync-state.js";
import { diffCore, type CoreDiff } from "./core.js";
import { appendScoped, diffUserScoped, emptyScopedDiff, type ScopedDiff } from "./links.js";

export interface SyncDiff {
  changes: ChangeDraft[];
  writes: StateWrites;
  liveUsersBefore: number;
  usersDeleted: number;
}

/** What the diff reads of a connection's stored state. */
export interface StoredStateSource {
  loadState(orgId: string, connectionId: string): Promise<StoredState>;
  /** Memberships and access rows of the given users, each sorted by key. */
  loadUserScoped(orgId: string, connectionId: string, userIds: string[]): Promise<UserScopedState>;
}

/** Users per round trip for memberships and access (well under every parameter limit). */
export const USER_CHUNK = 500;

const NOTHING_STORED: StoredState = {
  users: [],
  groups: [],
  accounts: [],
  permissionSets: [],
  assignments: [],
};

function groupByUser<T extends { userId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.userId);
    if (list === undefined) map.set(item.userId, [item]);
    else list.push(item);
  }
  return map;
}

/**
 * The baseline's memberships and access: nothing is stored, so every row of a snapshot user is
 * new and no change rows are recorded, hence none are built (at a million access rows they held
 * hundreds of megabytes). The access rows go to the commit as they are (compact).
 */
function baselineScoped(snapshot: Snapshot, userIds: readonly string[]): ScopedDiff {
  const live = new Set(userIds);
  return {
    membershipChanges: [],
    accessChanges: [],
    memberships: { add: snapshot.memberships.filter((m) => live.has(m.userId)), remove: [] },
    access: { upsert: snapshot.access, remove: [] },
  };
}

/** The stored memberships and access compared with the snapshot's, `chunk` users at a time. */
async function diffScoped(
  source: StoredStateSource,
  orgId: string,
  connectionId: string,
  snapshot: Snapshot,
  core: CoreDiff,
  chunk: number,
): Promise<ScopedDiff> {
  const memberships = groupByUser(snapshot.memberships);
  const scoped = emptyScopedDiff();
  for (let i = 0; i < core.scopedUserIds.length; i += chunk) {
    const userIds = core.scopedUserIds.slice(i, i + chunk);
    const before = await source.loadUserScoped(orgId, connectionId, userIds);
    const after = {
      memberships: userIds.flatMap((id) => memberships.get(id) ?? []),
      access: snapshot.access.forUsers(userIds),
    };
    appendScoped(scoped, diffUserScoped(before, after, core.names));
  }
  return scoped;
}

/**
 * Compares the stored state of a connection with `snapshot`. `baseline` (no sync committed yet):
 * nothing is stored, so nothing is loaded, and no change rows are produced.
 */
export async function computeSyncDiff(
  source: StoredStateSource,
  orgId: string,
  connectionId: string,
  snapshot: Snapshot,
  at: string,
  baseline: boolean,
  options: { chunk?: number } = {},
): Promise<SyncDiff> {
  // Not held in a variable: the stored users (tens of MB at 100,000) can go once diffCore is done.
  const core = diffCore(
    baseline ? NOTHING_STORED : await source.loadState(orgId, connectionId),
    snapshot,
    at,
  );
  const scoped = baseline
    ? baselineScoped(snapshot, core.scopedUserIds)
    : await diffScoped(source, orgId, connectionId, snapshot, core, options.chunk ?? USER_CHUNK);
  return {
    changes: baseline
      ? []
      : [
          ...core.users,
          ...core.groups,
          ...scoped.membershipChanges,
          ...core.accounts,
          ...core.permissionSets,
          ...core.assignments,
          ...scoped.accessChanges,
        ],
    writes: { ...core.writes, memberships: scoped.memberships, access: scoped.access },
    liveUsersBefore: core.liveUsersBefore,
    usersDeleted: core.usersDeleted,
  };
}
