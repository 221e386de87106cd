// The diff of users: added, deleted (kept as DELETED), restored, enabled, disabled, updated.
import { changeDraft, type ChangeDraft, type FieldChanges } from "../../domain/change.js";
import type { User } from "../../domain/model.js";
import type { StoredUser } from "../../store/store.js";
import { byId, unionKeys } from "./keyed.js";
import type { CoreDiff } from "./core.js";

const USER_FIELDS = ["userName", "displayName", "givenName", "familyName", "emails", "primaryEmail"] as const;

/** The user fields whose change is a `user.updated`, with before and after values. */
function userFieldChanges(before: StoredUser, after: User): FieldChanges<User> | null {
  const b: Partial<User> = {};
  const a: Partial<User> = {};
  let changed = false;
  for (const f of USER_FIELDS) {
    if (JSON.stringify(before[f]) !== JSON.stringify(after[f])) {
      Object.assign(b, { [f]: before[f] });
      Object.assign(a, { [f]: after[f] });
      changed = true;
    }
  }
  return changed ? { before: b, after: a } : null;
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

export function diffUsers(
  old: readonly StoredUser[],
  next: readonly User[],
  at: string,
  out: CoreDiff,
): void {
  const before = byId(old, (u) => u.userId);
  const after = byId(next, (u) => u.userId);
  const changes: ChangeDraft[] = out.users;
  for (const id of unionKeys(before, after)) {
    const b = before.get(id);
    const a = after.get(id);
    if (b !== undefined && b.status !== "DELETED") out.liveUsersBefore++;
    if (a === undefined) {
      if (b === undefined || b.status === "DELETED") continue;
      out.usersDeleted++;
      out.writes.users.push({ ...b, status: "DELETED", deletedAt: at });
      changes.push(
        changeDraft("user.deleted", { userId: id }, { userName: b.userName, displayName: b.displayName }),
      );
      continue;
    }
    if (b !== undefined && unchangedUser(b, a)) continue;
    const stored: StoredUser = { ...a, firstSeenAt: b?.firstSeenAt ?? at, deletedAt: null };
    out.writes.users.push(stored);
    if (b === undefined) {
      changes.push(
        changeDraft(
          "user.added",
          { userId: id },
          { userName: a.userName, displayName: a.displayName, status: a.status },
        ),
      );
      continue;
    }
    if (b.status === "DELETED") {
      changes.push(
        changeDraft(
          "user.restored",
          { userId: id },
          { userName: a.userName, status: a.status, deletedAt: b.deletedAt },
        ),
      );
    } else {
      if (b.userName !== a.userName) out.writes.renamedUsers.push({ userId: id, userName: a.userName });
      if (b.status !== a.status) {
        const kind = a.status === "ENABLED" ? "user.enabled" : "user.disabled";
        changes.push(changeDraft(kind, { userId: id }, { userName: a.userName }));
      }
    }
    const fields = userFieldChanges(b, a);
    if (fields !== null)
      changes.push(changeDraft("user.updated", { userId: id }, { userName: a.userName, ...fields }));
  }
}
