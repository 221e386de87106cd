// Accumulates cursor-paged results ("Load more"): starts over whenever the base path changes.
import { useEffect, useState } from "react";
import { api, withQuery, type ApiError } from "./client.js";

export interface CursorList<T> {
  items: T[];
  loading: boolean;
  error: ApiError | undefined;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

interface Request {
  base: string | null;
  cursor: string | undefined;
  /** Bumped to refetch the same cursor. */
  n: number;
}

export function useCursorList<T>(basePath: string | null, limit = 100): CursorList<T> {
  const [state, setState] = useState<{
    items: T[];
    next: string | null;
    loading: boolean;
    error: ApiError | undefined;
  }>({
    items: [],
    next: null,
    loading: basePath !== null,
    error: undefined,
  });
  const [request, setRequest] = useState<Request>({ base: basePath, cursor: undefined, n: 0 });
  const current = request.base === basePath;
  const cursor = current ? request.cursor : undefined;
  const n = current ? request.n : 0;

  useEffect(() => {
    if (basePath === null) return;
    const controller = new AbortController();
    const first = cursor === undefined;
    setState((s) => ({ ...s, items: first ? [] : s.items, loading: true, error: undefined }));
    const sep = basePath.includes("?") ? "&" : "?";
    const url = `${basePath}${sep}${withQuery("", { limit, cursor }).slice(1)}`;
    api<{ items: T[]; nextCursor: string | null }>(url, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((s) => ({
          items: first ? page.items : [...s.items, ...page.items],
          next: page.nextCursor,
          loading: false,
          error: undefined,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ ...s, loading: false, error: error as ApiError }));
      },
    );
    return () => controller.abort();
  }, [basePath, cursor, n, limit]);

  return {
    items: state.items,
    loading: state.loading,
    error: state.error,
    hasMore: state.next !== null,
    loadMore: () => {
      if (state.next !== null && !state.loading) setRequest({ base: basePath, cursor: state.next, n: n + 1 });
    },
    reload: () => setRequest({ base: basePath, cursor: undefined, n: n + 1 }),
  };
}
