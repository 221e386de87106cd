// The pure diff: compares a connection's stored state with a new snapshot, by sets keyed on ids,
// and returns the change rows and the row-level writes that turn the one into the other.
// No database here: src/engine/sync-diff.ts feeds it the stored state (user-scoped tables in chunks).
import type { ChangeDraft } from "../domain/change.js";
import type { Snapshot, User } from "../domain/model.js";
import { canonicalPermissionSet, compareStrings } from "../domain/sort.js";
import type { StateWrites, StoredState, StoredUser, UserScopedState } from "../store/store.js";
import {
  byId,
  canonicalAccount,
  canonicalGroup,
  diffEntities,
  permissionSetChanges,
  unionKeys,
} from "./sync-diff-entities.js";
import {
  change,
  diffAssignments,
  diffUserScoped,
  type NameBook,
  type ScopedDiff,
} from "./sync-diff-links.js";

export type { NameBook, ScopedDiff } from "./sync-diff-links.js";

export interface CoreDiff {
  users: ChangeDraft[];
  groups: ChangeDraft[];
  accounts: ChangeDraft[];
  permissionSets: ChangeDraft[];
  assignments: ChangeDraft[];
  writes: Omit<StateWrites, "memberships" | "access">;
  /** Live users before this snapshot, and how many of them it no longer has. */
  liveUsersBefore: number;
  usersDeleted: number;
  names: NameBook;
  /** Whose memberships and access to compare: users live before or now, sorted. */
  scopedUserIds: string[];
}

export interface SyncDiff {
  changes: ChangeDraft[];
  writes: StateWrites;
  liveUsersBefore: number;
  usersDeleted: number;
}

const USER_FIELDS = ["userName", "displayName", "givenName", "familyName", "emails", "primaryEmail"] as const;

/** The user fields whose change is a `user.updated`, with before and after values. */
function userFieldChanges(
  before: StoredUser,
  after: User,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const f of USER_FIELDS) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) {
      b[f] = before[f];
      a[f] = after[f];
    }
  }
  return Object.keys(a).length === 0 ? null : { before: b, after: a };
}

const sameList = <T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean) =>
  a.length === b.length && a.every((x, i) => same(x, b[i] as T));

/**
 * Whether storing `next` (seen now) would leave the stored user as it is. Compared field by field:
 * a JSON key per user on both sides was a re-sync's largest garbage after the access rows.
 */
function unchangedUser(stored: StoredUser, next: User): boolean {
  return (
    stored.deletedAt === null &&
    stored.status === next.status &&
    stored.userName === next.userName &&
    stored.displayName === next.displayName &&
    stored.givenName === next.givenName &&
    stored.familyName === next.familyName &&
    stored.primaryEmail === next.primaryEmail &&
    sameList(stored.emails, next.emails, (x, y) => x === y) &&
    sameList(stored.externalIds, next.externalIds, (x, y) => x.issuer === y.issuer && x.id === y.id)
  );
}

function diffUsers(old: StoredUser[], next: User[], at: string, out: CoreDiff): void {
  const before = byId(old, (u) => u.userId);
  const after = byId(next, (u) => u.userId);
  for (const id of unionKeys(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    if (b !== undefined && b.status !== "DELETED") out.liveUsersBefore++;
    if (a === undefined) {
      if (b === undefined || b.status === "DELETED") continue;
      out.usersDeleted++;
      out.writes.users.push({ ...b, status: "DELETED", deletedAt: at });
      out.users.push(
        change("user.deleted", { userId: id }, { userName: b.userName, displayName: b.displayName }),
      );
      continue;
    }
    if (b !== undefined && unchangedUser(b, a)) continue;
    const stored: StoredUser = { ...a, firstSeenAt: b?.firstSeenAt ?? at, deletedAt: null };
    if (b === undefined) {
      out.writes.users.push(stored);
      out.users.push(
        change(
          "user.added",
          { userId: id },
          { userName: a.userName, displayName: a.displayName, status: a.status },
        ),
      );
      continue;
    }
    out.writes.users.push(stored);
    if (b.status === "DELETED") {
      out.users.push(
        change(
          "user.restored",
          { userId: id },
          { userName: a.userName, status: a.status, deletedAt: b.deletedAt },
        ),
      );
    } else {
      if (b.userName !== a.userName) out.writes.renamedUsers.push({ userId: id, userName: a.userName });
      if (b.status !== a.status) {
        out.users.push(
          change(
            a.status === "ENABLED" ? "user.enabled" : "user.disabled",
            { userId: id },
            { userName: a.userName },
          ),
        );
      }
    }
    const fields = userFieldChanges(b, a);
    if (fields !== null)
      out.users.push(change("user.updated", { userId: id }, { userName: a.userName, ...fields }));
  }
}

function nameBook(old: StoredState, next: Snapshot): NameBook {
  const lookup = <T>(
    o: readonly T[],
    n: readonly T[],
    id: (t: T) => string,
    name: (t: T) => string | null,
  ) => {
    const map = new Map<string, string | null>();
    for (const t of o) map.set(id(t), name(t));
    for (const t of n) map.set(id(t), name(t));
    return (key: string) => map.get(key) ?? null;
  };
  const oldUsers: readonly Pick<User, "userId" | "userName">[] = old.users;
  return {
    user: lookup(
      oldUsers,
      next.users,
      (u) => u.userId,
      (u) => u.userName,
    ),
    group: lookup(
      old.groups,
      next.groups,
      (g) => g.groupId,
      (g) => g.displayName,
    ),
    account: lookup(
      old.accounts,
      next.accounts,
      (a) => a.accountId,
      (a) => a.name,
    ),
    permissionSet: lookup(
      old.permissionSets,
      next.permissionSets,
      (p) => p.arn,
      (p) => p.name,
    ),
  };
}

/** Everything but the user-scoped tables (memberships, access). */
export function diffCore(old: StoredState, next: Snapshot, at: string): CoreDiff {
  const names = nameBook(old, next);
  const out: CoreDiff = {
    users: [],
    groups: [],
    accounts: [],
    permissionSets: [],
    assignments: [],
    writes: {
      users: [],
      groups: { upsert: [], remove: [] },
      accounts: { upsert: [], remove: [] },
      permissionSets: { upsert: [], remove: [] },
      assignments: { add: [], remove: [] },
      userNames: new Map(next.users.map((u) => [u.userId, u.userName])),
      renamedUsers: [],
    },
    liveUsersBefore: 0,
    usersDeleted: 0,
    names,
    scopedUserIds: [],
  };
  diffUsers(old.users, next.users, at, out);
  diffEntities(
    old.groups,
    next.groups,
    (g) => g.groupId,
    (a, b) => canonicalGroup(a) === canonicalGroup(b),
    {
      added: (g) => change("group.added", { groupId: g.groupId }, { displayName: g.displayName }),
      removed: (g) => change("group.deleted", { groupId: g.groupId }, { displayName: g.displayName }),
    },
    out.groups,
    out.writes.groups,
  );
  diffEntities(
    old.accounts,
    next.accounts,
    (a) => a.accountId,
    (a, b) => canonicalAccount(a) === canonicalAccount(b),
    {
      added: (a) => change("account.added", { accountId: a.accountId }, { name: a.name }),
      removed: (a) => change("account.removed", { accountId: a.accountId }, { name: a.name }),
    },
    out.accounts,
    out.writes.accounts,
  );
  diffEntities(
    old.permissionSets,
    next.permissionSets,
    (p) => p.arn,
    (a, b) => JSON.stringify(canonicalPermissionSet(a)) === JSON.stringify(canonicalPermissionSet(b)),
    {
      added: (p) => change("permissionSet.added", { permissionSetArn: p.arn }, { name: p.name }),
      removed: (p) => change("permissionSet.deleted", { permissionSetArn: p.arn }, { name: p.name }),
      updated: (b, a) =>
        change(
          "permissionSet.updated",
          { permissionSetArn: a.arn },
          { name: a.name, ...permissionSetChanges(b, a) },
        ),
    },
    out.permissionSets,
    out.writes.permissionSets,
  );
  diffAssignments(old.assignments, next.assignments, names, out.assignments, out.writes.assignments);
  const scoped = new Set<string>();
  for (const u of old.users) if (u.status !== "DELETED") scoped.add(u.userId);
  for (const u of next.users) scoped.add(u.userId);
  out.scopedUserIds = [...scoped].sort(compareStrings);
  return out;
}

/** Puts the parts together; the baseline (first) sync records its state without change rows. */
export function assemble(core: CoreDiff, scoped: ScopedDiff, baseline: boolean): SyncDiff {
  const changes = baseline
    ? []
    : [
        ...core.users,
        ...core.groups,
        ...scoped.membershipChanges,
        ...core.accounts,
        ...core.permissionSets,
        ...core.assignments,
        ...scoped.accessChanges,
      ];
  return {
    changes,
    writes: { ...core.writes, memberships: scoped.memberships, access: scoped.access },
    liveUsersBefore: core.liveUsersBefore,
    usersDeleted: core.usersDeleted,
  };
}

/** The whole diff in one call, for states that fit in memory at once (and for tests). */
export function diffState(
  old: StoredState & UserScopedState,
  next: Snapshot,
  at: string,
  baseline: boolean,
): SyncDiff {
  const core = diffCore(old, next, at);
  const scoped = diffUserScoped(old, { memberships: next.memberships, access: [...next.access] }, core.names);
  return assemble(core, scoped, baseline);
}
