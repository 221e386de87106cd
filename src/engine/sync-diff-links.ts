// The pure diff of the link tables: assignments, and the user-scoped memberships and access
// (compared a chunk of users at a time, so a million access rows never sit in memory twice).
import type { ChangeDraft, ChangeKind } from "../domain/change.js";
import type { AccessGrant, Assignment, Membership } from "../domain/model.js";
import { compareStrings, isSorted } from "../domain/sort.js";
import { viaJson } from "../store/rows.js";
import type { AccessKey, StateWrites, UserScopedState } from "../store/store.js";

/** Names for change details: the new snapshot's, else the stored ones (for things now gone). */
export interface NameBook {
  user(id: string): string | null;
  group(id: string): string | null;
  account(id: string): string | null;
  permissionSet(arn: string): string | null;
}

export function change(
  kind: ChangeKind,
  ids: Partial<Omit<ChangeDraft, "kind" | "detail">>,
  detail: Record<string, unknown>,
): ChangeDraft {
  return {
    kind,
    userId: ids.userId ?? null,
    groupId: ids.groupId ?? null,
    accountId: ids.accountId ?? null,
    permissionSetArn: ids.permissionSetArn ?? null,
    detail,
  };
}

export interface ScopedDiff {
  /** Ordered by user id, then group id. */
  membershipChanges: ChangeDraft[];
  /** Ordered by user id, account id, permission set ARN. */
  accessChanges: ChangeDraft[];
  memberships: StateWrites["memberships"];
  access: { upsert: AccessGrant[]; remove: AccessKey[] };
}

export function emptyScopedDiff(): ScopedDiff {
  return {
    membershipChanges: [],
    accessChanges: [],
    memberships: { add: [], remove: [] },
    access: { upsert: [], remove: [] },
  };
}

/** Appends `part` (a later chunk of users, in user id order) to `into`. */
export function appendScoped(into: ScopedDiff, part: ScopedDiff): void {
  const push = <T>(a: T[], b: readonly T[]) => {
    for (const x of b) a.push(x);
  };
  push(into.membershipChanges, part.membershipChanges);
  push(into.accessChanges, part.accessChanges);
  push(into.memberships.add, part.memberships.add);
  push(into.memberships.remove, part.memberships.remove);
  push(into.access.upsert, part.access.upsert);
  push(into.access.remove, part.access.remove);
}

const SEP = "\u0000";

function keyed<T>(items: readonly T[], key: (t: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const t of items) map.set(key(t), t);
  return map;
}

function sortedKeys(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const keys = new Set(a.keys());
  for (const k of b.keys()) keys.add(k);
  return [...keys].sort(compareStrings);
}

const assignmentKey = (a: Assignment) =>
  [a.accountId, a.permissionSetArn, a.principalType, a.principalId].join(SEP);

export function diffAssignments(
  old: readonly Assignment[],
  next: readonly Assignment[],
  names: NameBook,
  changes: ChangeDraft[],
  writes: StateWrites["assignments"],
): void {
  const before = keyed(old, assignmentKey);
  const after = keyed(next, assignmentKey);
  const describe = (kind: "assignment.added" | "assignment.removed", a: Assignment) =>
    change(
      kind,
      {
        accountId: a.accountId,
        permissionSetArn: a.permissionSetArn,
        ...(a.principalType === "USER" ? { userId: a.principalId } : { groupId: a.principalId }),
      },
      {
        principalType: a.principalType,
        principalId: a.principalId,
        principalName: a.principalType === "USER" ? names.user(a.principalId) : names.group(a.principalId),
        accountName: names.account(a.accountId),
        permissionSetName: names.permissionSet(a.permissionSetArn),
      },
    );
  for (const key of sortedKeys(before, after)) {
    const b = before.get(key);
    const a = after.get(key);
    if (a !== undefined && b === undefined) {
      writes.add.push(a);
      changes.push(describe("assignment.added", a));
    } else if (a === undefined && b !== undefined) {
      writes.remove.push(b);
      changes.push(describe("assignment.removed", b));
    }
  }
}

/** The new side of the user-scoped tables, from the snapshot. */
export interface SnapshotScoped {
  memberships: readonly Membership[];
  access: readonly AccessGrant[];
}

const compareMembers = (a: Membership, b: Membership) =>
  compareStrings(a.userId, b.userId) || compareStrings(a.groupId, b.groupId);
const compareAccessKeys = (a: AccessKey, b: AccessKey) =>
  compareStrings(a.userId, b.userId) ||
  compareStrings(a.accountId, b.accountId) ||
  compareStrings(a.permissionSetArn, b.permissionSetArn);

/** `items` in `compare` order: as given when they already are (the store and the snapshot's are). */
function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  return isSorted(items, compare) ? items : [...items].sort(compare);
}

/**
 * Walks two sorted lists together: `both` for a key on each side, `onlyOld` and `onlyNew` for
 * the rest, in key order. Builds no key strings: at a million rows those were most of a
 * re-sync's garbage.
 */
function merge<O, N>(
  old: readonly O[],
  next: readonly N[],
  compare: (o: O, n: N) => number,
  on: { both(o: O, n: N): void; onlyOld(o: O): void; onlyNew(n: N): void },
): void {
  let i = 0;
  let j = 0;
  while (i < old.length || j < next.length) {
    const o = old[i];
    const n = next[j];
    const c = o === undefined ? 1 : n === undefined ? -1 : compare(o, n);
    if (c === 0) {
      on.both(o as O, n as N);
      i++;
      j++;
    } else if (c < 0) {
      on.onlyOld(o as O);
      i++;
    } else {
      on.onlyNew(n as N);
      j++;
    }
  }
}

/**
 * Memberships and access of one set of users: `old` and `next` must cover the same users. Linear
 * in the rows (a merge of both sides sorted by key); changes come out in key order.
 */
export function diffUserScoped(old: UserScopedState, next: SnapshotScoped, names: NameBook): ScopedDiff {
  const out = emptyScopedDiff();
  const membershipChange = (kind: "membership.added" | "membership.removed", m: Membership) =>
    change(
      kind,
      { userId: m.userId, groupId: m.groupId },
      { groupName: names.group(m.groupId), userName: names.user(m.userId) },
    );
  merge(inOrder(old.memberships, compareMembers), inOrder(next.memberships, compareMembers), compareMembers, {
    both: () => undefined,
    onlyOld: (m) => {
      out.memberships.remove.push(m);
      out.membershipChanges.push(membershipChange("membership.removed", m));
    },
    onlyNew: (m) => {
      out.memberships.add.push(m);
      out.membershipChanges.push(membershipChange("membership.added", m));
    },
  });

  const accessChange = (kind: "access.granted" | "access.revoked", k: AccessKey, via: unknown) =>
    change(
      kind,
      { userId: k.userId, accountId: k.accountId, permissionSetArn: k.permissionSetArn },
      {
        userName: names.user(k.userId),
        accountName: names.account(k.accountId),
        permissionSetName: names.permissionSet(k.permissionSetArn),
        via,
      },
    );
  merge(inOrder(old.access, compareAccessKeys), inOrder(next.access, compareAccessKeys), compareAccessKeys, {
    // Paths changed, access stays: rewritten without a change row (the assignment and
    // membership changes that caused it are recorded).
    both: (b, a) => {
      if (b.via !== viaJson(a.via)) out.access.upsert.push(a);
    },
    onlyOld: (b) => {
      out.access.remove.push({
        userId: b.userId,
        accountId: b.accountId,
        permissionSetArn: b.permissionSetArn,
      });
      out.accessChanges.push(accessChange("access.revoked", b, JSON.parse(b.via)));
    },
    onlyNew: (a) => {
      out.access.upsert.push(a);
      out.accessChanges.push(accessChange("access.granted", a, JSON.parse(viaJson(a.via))));
    },
  });
  return out;
}
