// The pure diff of the link tables: assignments, and the user-scoped memberships and access
// (compared a chunk of users at a time, so a million access rows never sit in memory twice).
import type { ChangeDraft, ChangeKind } from "../domain/change.js";
import type { AccessGrant, Assignment, Membership } from "../domain/model.js";
import { compareStrings } from "../domain/sort.js";
import { viaJson } from "../store/rows.js";
import type { AccessKey, AccessWrite, StateWrites, UserScopedState } from "../store/store.js";

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
  access: { upsert: AccessWrite[]; remove: AccessKey[] };
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

const membershipKey = (m: Membership) => m.userId + SEP + m.groupId;
const accessKey = (g: AccessGrant) => g.userId + SEP + g.accountId + SEP + g.permissionSetArn;

/** Memberships and access of one set of users: `old` and `next` must cover the same users. */
export function diffUserScoped(old: UserScopedState, next: UserScopedState, names: NameBook): ScopedDiff {
  const out = emptyScopedDiff();
  const mBefore = keyed(old.memberships, membershipKey);
  const mAfter = keyed(next.memberships, membershipKey);
  for (const key of sortedKeys(mBefore, mAfter)) {
    const b = mBefore.get(key);
    const a = mAfter.get(key);
    const m = a ?? b;
    if (m === undefined || (a !== undefined && b !== undefined)) continue;
    const detail = { groupName: names.group(m.groupId), userName: names.user(m.userId) };
    if (b === undefined) {
      out.memberships.add.push(m);
      out.membershipChanges.push(
        change("membership.added", { userId: m.userId, groupId: m.groupId }, detail),
      );
    } else {
      out.memberships.remove.push(m);
      out.membershipChanges.push(
        change("membership.removed", { userId: m.userId, groupId: m.groupId }, detail),
      );
    }
  }

  const aBefore = keyed(old.access, accessKey);
  const aAfter = keyed(next.access, accessKey);
  for (const key of sortedKeys(aBefore, aAfter)) {
    const b = aBefore.get(key);
    const a = aAfter.get(key);
    const g = a ?? b;
    if (g === undefined) continue;
    const ids = { userId: g.userId, accountId: g.accountId, permissionSetArn: g.permissionSetArn };
    const detail = (via: AccessGrant["via"]) => ({
      userName: names.user(g.userId),
      accountName: names.account(g.accountId),
      permissionSetName: names.permissionSet(g.permissionSetArn),
      via: JSON.parse(viaJson(via)) as unknown,
    });
    if (a === undefined) {
      out.access.remove.push(ids);
      out.accessChanges.push(change("access.revoked", ids, detail(g.via)));
      continue;
    }
    // A grant whose paths changed is rewritten without a change row: the assignment and
    // membership changes that caused it are recorded.
    if (b !== undefined && viaJson(b.via) === viaJson(a.via)) continue;
    out.access.upsert.push({ ...a, userName: names.user(a.userId) ?? a.userId });
    if (b === undefined) out.accessChanges.push(change("access.granted", ids, detail(a.via)));
  }
  return out;
}
