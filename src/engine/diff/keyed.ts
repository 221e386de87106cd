// The keyed-set helpers every part of the diff uses: entities by id, and a merge walk over two
// lists sorted by key (for the large user-scoped tables, where a key string per row cost most).
import { compareStrings, isSorted } from "../../domain/sort.js";

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

/** `items` in `compare` order: as given when they already are (the store's and the snapshot's are). */
export function inOrder<T>(items: readonly T[], compare: (a: T, b: T) => number): readonly T[] {
  return isSorted(items, compare) ? items : [...items].sort(compare);
}

/**
 * Walks two sorted lists together: `both` for a key on each side, `onlyOld` and `onlyNew` for
 * the rest, in key order. Builds no key strings: at a million rows those were most of a
 * re-sync's garbage.
 */
export function mergeSorted<O, N>(
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
