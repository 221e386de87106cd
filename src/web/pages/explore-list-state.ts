// The state of a directory list page in its URL (connection, search, sort, order, page, rows per
// page), so a filtered, sorted page can be shared, bookmarked and reloaded.
import { useState } from "react";
import { PAGE_SIZES } from "../components/pager.js";
import { navigate } from "../router.js";

export interface ListState<S extends string> {
  connection: string;
  q: string;
  sort: S;
  order: "asc" | "desc";
  cursor: string;
  /** Offset of the page's first row. */
  at: number;
  size: string;
}

export interface ListControls<S extends string> {
  f: ListState<S>;
  set: (patch: Partial<Pick<ListState<S>, "connection" | "q" | "sort" | "order" | "size">>) => void;
  onSort: (k: S) => void;
  hasPrev: boolean;
  next: (cursor: string) => void;
  prev: () => void;
  /** The list's filters as API query parameters (for the list and its downloads). */
  apiQuery: { q: string; sort: S; order: "asc" | "desc" };
}

export function useListState<S extends string>(
  path: string,
  query: URLSearchParams,
  sorts: readonly S[],
  defaultConnection: string,
): ListControls<S> {
  const sortParam = query.get("sort") ?? "";
  const at = Number(query.get("at") ?? "0");
  const f: ListState<S> = {
    connection: query.get("connection") ?? defaultConnection,
    q: query.get("q") ?? "",
    sort: (sorts as readonly string[]).includes(sortParam) ? (sortParam as S) : (sorts[0] as S),
    order: query.get("order") === "desc" ? "desc" : "asc",
    cursor: query.get("cursor") ?? "",
    at: Number.isInteger(at) && at >= 0 ? at : 0,
    size: PAGE_SIZES.includes(query.get("size") ?? "") ? (query.get("size") as string) : "50",
  };
  // Cursors of the pages before this one (lost on reload: "Previous" then starts over).
  const [history, setHistory] = useState<string[]>([]);

  const go = (next: ListState<S>) =>
    navigate(path, {
      connection: next.connection === defaultConnection ? undefined : next.connection,
      q: next.q,
      sort: next.sort === sorts[0] ? undefined : next.sort,
      order: next.order === "asc" ? undefined : next.order,
      cursor: next.cursor,
      at: next.at === 0 ? undefined : String(next.at),
      size: next.size === "50" ? undefined : next.size,
    });
  const set: ListControls<S>["set"] = (patch) => {
    setHistory([]);
    go({ ...f, ...patch, cursor: "", at: 0 });
  };
  return {
    f,
    set,
    onSort: (k) => set({ sort: k, order: f.sort === k && f.order === "asc" ? "desc" : "asc" }),
    hasPrev: f.at > 0,
    next: (cursor) => {
      setHistory((h) => [...h, f.cursor]);
      go({ ...f, cursor, at: f.at + Number(f.size) });
    },
    prev: () => {
      const previous = history[history.length - 1];
      setHistory((h) => h.slice(0, -1));
      // Without the cursor history (after a reload), back to the first page.
      if (previous === undefined) go({ ...f, cursor: "", at: 0 });
      else go({ ...f, cursor: previous, at: Math.max(0, f.at - Number(f.size)) });
    },
    apiQuery: { q: f.q, sort: f.sort, order: f.order },
  };
}
