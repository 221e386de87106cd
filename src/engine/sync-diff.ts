// Feeds the pure diff (changes.ts) from the store: the small tables at once, memberships and
// access a chunk of users at a time, so memory stays near one snapshot even at a million rows.
import type { AccessRows } from "../domain/access-rows.js";
import type { Membership, Snapshot } from "../domain/model.js";
import type { Store, UserScopedState } from "../store/store.js";
import { assemble, diffCore, type CoreDiff, type SyncDiff } from "./changes.js";
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
 * The first sync stores every membership and access row of the snapshot's users and records no
 * change rows, so none are built: at a million access rows they held hundreds of megabytes. The
 * access rows go to the commit as they are (compact): every row is of a snapshot user.
 */
function baselineWrites(snapshot: Snapshot, userIds: readonly string[]): BaselineScoped {
  const live = new Set(userIds);
  return {
    memberships: snapshot.memberships.filter((m) => live.has(m.userId)),
    access: snapshot.access,
  };
}

interface BaselineScoped {
  memberships: Membership[];
  access: AccessRows;
}

function assembleBaseline(core: CoreDiff, scoped: BaselineScoped): SyncDiff {
  return {
    changes: [],
    writes: {
      ...core.writes,
      memberships: { add: scoped.memberships, remove: [] },
      access: { upsert: scoped.access, remove: [] },
    },
    liveUsersBefore: core.liveUsersBefore,
    usersDeleted: core.usersDeleted,
  };
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
  // Not held in a variable: the stored users (tens of MB at 100,000) can go once diffCore is done.
  const core = diffCore(
    baseline
      ? { users: [], groups: [], accounts: [], permissionSets: [], assignments: [] }
      : await store.loadState(orgId, connectionId),
    snapshot,
    at,
  );
  if (baseline) return assembleBaseline(core, baselineWrites(snapshot, core.scopedUserIds));
  const memberships = groupByUser(snapshot.memberships);
  const scoped = emptyScopedDiff();
  for (let i = 0; i < core.scopedUserIds.length; i += USER_CHUNK) {
    const userIds = core.scopedUserIds.slice(i, i + USER_CHUNK);
    const before: UserScopedState = await store.loadUserScoped(orgId, connectionId, userIds);
    const after: SnapshotScoped = {
      memberships: userIds.flatMap((id) => memberships.get(id) ?? []),
      access: snapshot.access.forUsers(userIds),
    };
    appendScoped(scoped, diffUserScoped(before, after, core.names));
  }
  return assemble(core, scoped, false);
}
