// Feeds the pure diff (changes.ts) from the store: the small tables at once, memberships and
// access a chunk of users at a time, so memory stays near one snapshot even at a million rows.
import type { Snapshot } from "../domain/model.js";
import type { Store, UserScopedState } from "../store/store.js";
import { assemble, diffCore, type SyncDiff } from "./changes.js";
import { appendScoped, diffUserScoped, emptyScopedDiff, type SnapshotScoped } from "./sync-diff-links.js";

/** Users per round trip for memberships and access (well under every parameter limit). */
export const USER_CHUNK = 500;

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
 * Compares the stored state of a connection with `snapshot`. `baseline` (no sync committed yet):
 * nothing is stored, so nothing is loaded, and no change rows are produced.
 */
export async function computeSyncDiff(
  store: Store,
  orgId: string,
  connectionId: string,
  snapshot: Snapshot,
  at: string,
  baseline: boolean,
): Promise<SyncDiff> {
  const old = baseline
    ? { users: [], groups: [], accounts: [], permissionSets: [], assignments: [] }
    : await store.loadState(orgId, connectionId);
  const core = diffCore(old, snapshot, at);
  const memberships = groupByUser(snapshot.memberships);
  const access = groupByUser(snapshot.access);
  const scoped = emptyScopedDiff();
  for (let i = 0; i < core.scopedUserIds.length; i += USER_CHUNK) {
    const userIds = core.scopedUserIds.slice(i, i + USER_CHUNK);
    const before: UserScopedState = baseline
      ? { memberships: [], access: [] }
      : await store.loadUserScoped(orgId, connectionId, userIds);
    const after: SnapshotScoped = {
      memberships: userIds.flatMap((id) => memberships.get(id) ?? []),
      access: userIds.flatMap((id) => access.get(id) ?? []),
    };
    appendScoped(scoped, diffUserScoped(before, after, core.names));
  }
  return assemble(core, scoped, baseline);
}
