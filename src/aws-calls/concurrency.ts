// Bounded concurrency over arrays and async iterables (pages streaming from a paginator).
// Contract: at most `limit` calls of `fn` run at once; after the first failure no new item is
// started, the calls already running are awaited, and then the first error is thrown, so that no
// work outlives the call (a failed sync makes no further AWS calls behind its caller's back).

export type Source<T> = Iterable<T> | AsyncIterable<T>;

export interface ConcurrencyOptions {
  /** Stop starting items once aborted; the abort reason is thrown after the running ones settle. */
  signal?: AbortSignal | undefined;
}

/** Runs `fn` over every item, at most `limit` at a time. */
export async function forEachConcurrent<T>(
  items: Source<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<void>,
  options: ConcurrencyOptions = {},
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const iterator = toAsyncIterator(items);
  // Async iterators must not be asked for the next item concurrently: pulls are chained.
  let pulling: Promise<unknown> = Promise.resolve();
  const pull = (): Promise<IteratorResult<T>> => {
    const next = pulling.then(() => iterator.next());
    pulling = next.catch(() => undefined);
    return next;
  };
  let failure: { error: unknown } | undefined;
  let nextIndex = 0;
  let exhausted = false;
  const { signal } = options;

  const worker = async (): Promise<void> => {
    while (failure === undefined && !exhausted) {
      if (signal?.aborted) {
        failure ??= { error: signal.reason };
        return;
      }
      let result: IteratorResult<T>;
      try {
        result = await pull();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (result.done === true) {
        exhausted = true;
        return;
      }
      if (failure !== undefined) return;
      const index = nextIndex++;
      try {
        await fn(result.value, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };

  await Promise.all(Array.from({ length: limit }, worker));
  if (failure !== undefined) {
    if (!exhausted) await iterator.return?.().catch(() => undefined);
    throw failure.error;
  }
}

/** Like forEachConcurrent, collecting results in input order. */
export async function mapConcurrent<T, R>(
  items: Source<T>,
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  options: ConcurrencyOptions = {},
): Promise<R[]> {
  const results: R[] = [];
  await forEachConcurrent(
    items,
    limit,
    async (item, index) => {
      results[index] = await fn(item, index);
    },
    options,
  );
  return results;
}

/**
 * Awaits every promise, then throws the first rejection to happen: unlike Promise.all, nothing
 * the caller started is still running when it rejects.
 */
export async function allSettledOrThrow<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  let first: { error: unknown } | undefined;
  const settled = await Promise.all(
    promises.map((p) =>
      p.catch((error: unknown) => {
        first ??= { error };
        return undefined;
      }),
    ),
  );
  if (first !== undefined) throw first.error;
  return settled as unknown as T;
}

function toAsyncIterator<T>(items: Source<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return {
    next: () => Promise.resolve(sync.next()),
    return: () => Promise.resolve(sync.return?.() ?? { done: true as const, value: undefined }),
  };
}
