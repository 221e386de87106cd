// Loading state for one GET: data, error, reload, and optional polling while a condition holds
// (e.g. while a connection is syncing). Stale responses are dropped by aborting the previous fetch.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, type ApiError } from "./client.js";

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export interface UseApiOptions<T> {
  /** Poll every `ms` while this returns true for the latest data. */
  pollWhile?: (data: T) => boolean;
  pollMs?: number;
}

export function useApi<T>(path: string | null, options: UseApiOptions<T> = {}): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: path !== null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const pollWhile = useRef(options.pollWhile);
  pollWhile.current = options.pollWhile;
  const pollMs = options.pollMs ?? 1000;

  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState((s) => ({ ...s, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ data, error: undefined, loading: false });
        if (pollWhile.current?.(data) === true) timer = setTimeout(() => setTick((t) => t + 1), pollMs);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((s) => ({ data: s.data, error: error as ApiError, loading: false }));
      },
    );
    return () => {
      controller.abort();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [path, tick, pollMs]);

  return { ...state, reload };
}
