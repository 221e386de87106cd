// The diff of entities keyed by one id: groups, accounts, permission sets.
import type { ChangeDraft, FieldChanges } from "../../domain/change.js";
import { reportedChanges, type EntityOf, type FieldList } from "../../domain/fields.js";
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

/** The fields an `*.updated` change reports, before and after (canonical). */
export function fieldChanges<F extends FieldList>(
  fields: F,
  b: EntityOf<F>,
  a: EntityOf<F>,
): FieldChanges<EntityOf<F>> {
  return reportedChanges(fields, b, a) ?? { before: {}, after: {} };
}
