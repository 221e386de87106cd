// The diff of everything but the user-scoped tables (memberships, access): users, groups,
// accounts, permission sets and assignments, compared whole (they fit in memory at any size).
import { changeDraft, type ChangeDraft } from "../../domain/change.js";
import { sameEntity } from "../../domain/fields.js";
import {
  ACCOUNT_FIELDS,
  GROUP_FIELDS,
  PERMISSION_SET_FIELDS,
  type Snapshot,
  type User,
} from "../../domain/model.js";
import { compareStrings } from "../../domain/sort.js";
import type { StateWrites, StoredState } from "../../domain/sync-state.js";
import { diffEntities, fieldChanges } from "./entities.js";
import { diffAssignments, type NameBook } from "./links.js";
import { diffUsers } from "./users.js";

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
    (a, b) => sameEntity(GROUP_FIELDS, a, b),
    {
      added: (g) => changeDraft("group.added", { groupId: g.groupId }, { displayName: g.displayName }),
      removed: (g) => changeDraft("group.deleted", { groupId: g.groupId }, { displayName: g.displayName }),
    },
    out.groups,
    out.writes.groups,
  );
  diffEntities(
    old.accounts,
    next.accounts,
    (a) => a.accountId,
    (a, b) => sameEntity(ACCOUNT_FIELDS, a, b),
    {
      added: (a) => changeDraft("account.added", { accountId: a.accountId }, { name: a.name }),
      removed: (a) => changeDraft("account.removed", { accountId: a.accountId }, { name: a.name }),
    },
    out.accounts,
    out.writes.accounts,
  );
  diffEntities(
    old.permissionSets,
    next.permissionSets,
    (p) => p.arn,
    (a, b) => sameEntity(PERMISSION_SET_FIELDS, a, b),
    {
      added: (p) => changeDraft("permissionSet.added", { permissionSetArn: p.arn }, { name: p.name }),
      removed: (p) => changeDraft("permissionSet.deleted", { permissionSetArn: p.arn }, { name: p.name }),
      updated: (b, a) =>
        changeDraft(
          "permissionSet.updated",
          { permissionSetArn: a.arn },
          { name: a.name, ...fieldChanges(PERMISSION_SET_FIELDS, b, a) },
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
