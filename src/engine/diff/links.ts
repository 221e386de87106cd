// The diff of the link tables: assignments, and the user-scoped memberships and access
// (compared a chunk of users at a time, so a million access rows never sit in memory twice).
import { changeDraft, type ChangeDraft } from "../../domain/change.js";
import type { AccessGrant, Assignment, Membership } from "../../domain/model.js";
import { compareStrings } from "../../domain/sort.js";
import { decodeVia, encodeVia } from "../../domain/via.js";
import type { AccessKey, StateWrites, StoredAccess, UserScopedState } from "../../domain/sync-state.js";
import { byId, inOrder, mergeSorted, unionKeys } from "./keyed.js";

/** Names for change details: the new snapshot's, else the stored ones (for things now gone). */
export interface NameBook {
  user(id: string): string | null;
  group(id: string): string | null;
  account(id: string): string | null;
  permissionSet(arn: string): string | null;
}

/** The memberships and access part of a diff: changes, and the writes of both tables. */
export interface ScopedDiff {
  /** Ordered by user id, then group id. */
  membershipChanges: ChangeDraft[];
  /** Ordered by user id, account id, permission set ARN. */
  accessChanges: ChangeDraft[];
  memberships: StateWrites["memberships"];
  access: StateWrites["access"];
}

/** A ScopedDiff built a chunk at a time (appendScoped), its writes as arrays. */
export interface ChunkedScopedDiff extends ScopedDiff {
  access: { upsert: AccessGrant[]; remove: AccessKey[] };
}

export function emptyScopedDiff(): ChunkedScopedDiff {
  return {
    membershipChanges: [],
    accessChanges: [],
    memberships: { add: [], remove: [] },
    access: { upsert: [], remove: [] },
  };
}

/** Appends `part` (a later chunk of users, in user id order) to `into`. */
export function appendScoped(into: ChunkedScopedDiff, part: ChunkedScopedDiff): void {
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

/** Ids joined by a character no id holds: sorts like the ids compared one by one. */
const assignmentKey = (a: Assignment) =>
  [a.accountId, a.permissionSetArn, a.principalType, a.principalId].join("\u0000");

export function diffAssignments(
  old: readonly Assignment[],
  next: readonly Assignment[],
  names: NameBook,
  changes: ChangeDraft[],
  writes: StateWrites["assignments"],
): void {
  const describe = (kind: "assignment.added" | "assignment.removed", a: Assignment) =>
    changeDraft(
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
  const before = byId(old, assignmentKey);
  const after = byId(next, assignmentKey);
  for (const key of unionKeys(before, after)) {
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

/**
 * Memberships and access of one set of users: `old` and `next` must cover the same users. Linear
 * in the rows (a merge of both sides sorted by key); changes come out in key order.
 */
export function diffUserScoped(
  old: UserScopedState,
  next: SnapshotScoped,
  names: NameBook,
): ChunkedScopedDiff {
  const out = emptyScopedDiff();
  const membershipChange = (kind: "membership.added" | "membership.removed", m: Membership) =>
    changeDraft(
      kind,
      { userId: m.userId, groupId: m.groupId },
      { groupName: names.group(m.groupId), userName: names.user(m.userId) },
    );
  mergeSorted(
    inOrder(old.memberships, compareMembers),
    inOrder(next.memberships, compareMembers),
    compareMembers,
    {
      both: () => undefined,
      onlyOld: (m) => {
        out.memberships.remove.push(m);
        out.membershipChanges.push(membershipChange("membership.removed", m));
      },
      onlyNew: (m) => {
        out.memberships.add.push(m);
        out.membershipChanges.push(membershipChange("membership.added", m));
      },
    },
  );

  const accessChange = (kind: "access.granted" | "access.revoked", k: AccessKey, via: string) =>
    changeDraft(
      kind,
      { userId: k.userId, accountId: k.accountId, permissionSetArn: k.permissionSetArn },
      {
        userName: names.user(k.userId),
        accountName: names.account(k.accountId),
        permissionSetName: names.permissionSet(k.permissionSetArn),
        via: decodeVia(via),
      },
    );
  mergeSorted<StoredAccess, AccessGrant>(
    inOrder(old.access, compareAccessKeys),
    inOrder(next.access, compareAccessKeys),
    compareAccessKeys,
    {
      // Paths changed, access stays: rewritten without a change row (the assignment and
      // membership changes that caused it are recorded). Compared in the canonical encoding.
      both: (b, a) => {
        if (b.via !== encodeVia(a.via)) out.access.upsert.push(a);
      },
      onlyOld: (b) => {
        out.access.remove.push({
          userId: b.userId,
          accountId: b.accountId,
          permissionSetArn: b.permissionSetArn,
        });
        out.accessChanges.push(accessChange("access.revoked", b, b.via));
      },
      onlyNew: (a) => {
        out.access.upsert.push(a);
        out.accessChanges.push(accessChange("access.granted", a, encodeVia(a.via)));
      },
    },
  );
  return out;
}
