// The diff of users: added, deleted (kept as DELETED), restored, enabled, disabled, updated.
import { changeDraft, type ChangeDraft } from "../../domain/change.js";
import { reportedChanges, sameEntity } from "../../domain/fields.js";
import { USER_FIELDS, type User } from "../../domain/model.js";
import type { StoredUser } from "../../domain/sync-state.js";
import { byId, unionKeys } from "./keyed.js";
import type { CoreDiff } from "./core.js";

/**
 * Whether storing `next` (seen now) would leave the stored user as it is. Compared field by field
 * in place: a JSON key per user on both sides was a re-sync's largest garbage after the access rows.
 */
function unchangedUser(stored: StoredUser, next: User): boolean {
  return stored.deletedAt === null && sameEntity(USER_FIELDS, stored as User, next);
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
    // A restored user's status is its own change; the fields say what else differs.
    const fields = reportedChanges(USER_FIELDS, b as User, a);
    if (fields !== null)
      changes.push(changeDraft("user.updated", { userId: id }, { userName: a.userName, ...fields }));
  }
}
