// Search, sort and keyset paging in memory, for the directory lists whose sets are bounded by AWS
// (permission sets: 2,000 per instance; accounts: an organization's; groups: 10,000 at the L
// benchmark size) and small next to users and access rows. Done here rather than in SQL so that
// both databases give the same answer: locale-aware, case- and accent-insensitive order and search
// ("zoe" finds "Zoë", "aerin" sorts before "Zoë"), which SQLite's lower()/LIKE cannot give.
import { foldText } from "../domain/fold.js";
import { compareStrings } from "../domain/sort.js";
import { decodeCursor, encodeCursor, pageLimit } from "./paging.js";

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** Display order of names: locale-aware, ignoring case and accents; null (no name) last. */
export function compareNames(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return collator.compare(a, b);
}

export { foldText };

export interface WindowOptions {
  search?: string | undefined;
  order?: "asc" | "desc" | undefined;
  limit?: number | undefined;
  cursor?: string | null | undefined;
}

export interface WindowSpec<T> {
  /** Names the list and its sort in the cursor, so a cursor of another list or sort is refused. */
  tag: string;
  /** The texts a search term is matched against (a substring of any, folded). */
  text: (item: T) => (string | null)[];
  /** The sort value; ties are broken by `id` in code-unit order, so the order is total. */
  key: (item: T) => string | number;
  id: (item: T) => string;
}

export interface Window<T> {
  items: T[];
  nextCursor: string | null;
  /** Items matching the search (all pages). */
  total: number;
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

export function listWindow<T>(all: readonly T[], spec: WindowSpec<T>, options: WindowOptions): Window<T> {
  const limit = pageLimit(options.limit);
  const sign = options.order === "desc" ? -1 : 1;
  const term = foldText((options.search ?? "").trim());
  const matches =
    term === ""
      ? [...all]
      : all.filter((item) => spec.text(item).some((t) => t !== null && foldText(t).includes(term)));
  const compare = (ak: string | number, aId: string, bk: string | number, bId: string) =>
    sign * (compareKeys(ak, bk) || compareStrings(aId, bId));
  matches.sort((a, b) => compare(spec.key(a), spec.id(a), spec.key(b), spec.id(b)));
  let start = 0;
  if (options.cursor != null) {
    const [key = "", id = ""] = decodeCursor(spec.tag, options.cursor, 2);
    const after = matches.findIndex((item) => compare(spec.key(item), spec.id(item), key, String(id)) > 0);
    start = after === -1 ? matches.length : after;
  }
  const items = matches.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start + limit < matches.length;
  return {
    items,
    nextCursor: more && last !== undefined ? encodeCursor(spec.tag, [spec.key(last), spec.id(last)]) : null,
    total: matches.length,
  };
}
