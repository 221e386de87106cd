// One page at a time of a cursor-paged list, with the cursors of the pages before it kept for
// "Previous" (the server pages forward only) and the offset of the page for "1–50 of 171".
import { useState } from "react";
import type { Resource } from "./use-api.js";
import { useApi } from "./use-api.js";

export interface Paged<T> extends Resource<T> {
  offset: number;
  hasPrev: boolean;
  next: (cursor: string) => void;
  prev: () => void;
}

/** `path(cursor)` builds the page's URL; paging starts over whenever `key` changes. */
export function usePaged<T>(
  key: string | null,
  path: (cursor: string | undefined) => string,
  size: number,
): Paged<T> {
  const [state, setState] = useState<{ key: string | null; cursors: (string | undefined)[] }>({
    key,
    cursors: [undefined],
  });
  const cursors = state.key === key ? state.cursors : [undefined];
  const cursor = cursors[cursors.length - 1];
  const resource = useApi<T>(key === null ? null : path(cursor));
  return {
    ...resource,
    offset: (cursors.length - 1) * size,
    hasPrev: cursors.length > 1,
    next: (c) => setState({ key, cursors: [...cursors, c] }),
    prev: () => setState({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
