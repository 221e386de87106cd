// The pure diff of entities keyed by one id (groups, accounts, permission sets), and the keyed-set
// helpers every part of the diff uses.
import type { ChangeDraft } from "../domain/change.js";
import type { Account, Group, PermissionSet } from "../domain/model.js";
import { canonicalPermissionSet, compareStrings, sortRecord } from "../domain/sort.js";

export function byId<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(id(item), item);
  return map;
}

/** Keys of both maps in code-unit order: changes come out in a stable order. */
export function unionKeys(a: Map<string, unknown>, b: Map<string, unknown>): string[] {
  const keys = new Set(a.keys());
  for (const k of b.keys()) keys.add(k);
  return [...keys].sort(compareStrings);
}

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

export function permissionSetChanges(
  b: PermissionSet,
  a: PermissionSet,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const cb = canonicalPermissionSet(b);
  const ca = canonicalPermissionSet(a);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const f of PS_FIELDS) {
    if (JSON.stringify(cb[f]) !== JSON.stringify(ca[f])) {
      before[f] = cb[f];
      after[f] = ca[f];
    }
  }
  return { before, after };
}
