// The diff of entities keyed by one id: groups, accounts, permission sets.
import type { ChangeDraft, FieldChanges } from "../../domain/change.js";
import type { Account, Group, PermissionSet } from "../../domain/model.js";
import { canonicalPermissionSet, sortRecord } from "../../domain/sort.js";
import { byId, unionKeys } from "./keyed.js";

/** Adds/removes by id; rows that differ by `same` are rewritten, and reported when `updated` says so. */
export function diffEntities<T>(
  old: readonly T[],
  next: readonly T[],
  id: (item: T) => string,
  same: (a: T, b: T) => boolean,
  report: {
    added: (item: T) => ChangeDraft;
    removed: (item: T) => ChangeDraft;
    updated?: (b: T, a: T) => ChangeDraft;
  },
  changes: ChangeDraft[],
  writes: { upsert: T[]; remove: string[] },
): void {
  const before = byId(old, id);
  const after = byId(next, id);
  for (const key of unionKeys(before, after)) {
    const b = before.get(key);
    const a = after.get(key);
    if (a === undefined) {
      if (b !== undefined) {
        writes.remove.push(key);
        changes.push(report.removed(b));
      }
    } else if (b === undefined) {
      writes.upsert.push(a);
      changes.push(report.added(a));
    } else if (!same(b, a)) {
      writes.upsert.push(a);
      if (report.updated !== undefined) changes.push(report.updated(b, a));
    }
  }
}

export const canonicalAccount = (a: Account) =>
  JSON.stringify([a.name, a.email, a.status, sortRecord(a.tags)]);
export const canonicalGroup = (g: Group) => JSON.stringify([g.displayName, g.description]);
const PS_FIELDS = [
  "name",
  "description",
  "sessionDuration",
  "relayState",
  "managedPolicies",
  "customerManagedPolicies",
  "inlinePolicy",
  "permissionsBoundary",
  "tags",
] as const;

export function permissionSetChanges(b: PermissionSet, a: PermissionSet): FieldChanges<PermissionSet> {
  const cb = canonicalPermissionSet(b);
  const ca = canonicalPermissionSet(a);
  const before: Partial<PermissionSet> = {};
  const after: Partial<PermissionSet> = {};
  for (const f of PS_FIELDS) {
    if (JSON.stringify(cb[f]) !== JSON.stringify(ca[f])) {
      Object.assign(before, { [f]: cb[f] });
      Object.assign(after, { [f]: ca[f] });
    }
  }
  return { before, after };
}
