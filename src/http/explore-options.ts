// Query of a directory list (q, sort, order, limit, cursor) -> the store's list options.
import type { DirectoryListOptions } from "../store/directory-types.js";

export function listOptions<S extends string>(query: {
  q?: string | undefined;
  sort: S;
  order: "asc" | "desc";
  limit: number;
  cursor?: string | undefined;
}): DirectoryListOptions<S> {
  return {
    ...(query.q === undefined || query.q === "" ? {} : { search: query.q }),
    sort: query.sort,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor ?? null,
  };
}
