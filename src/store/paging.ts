// Opaque keyset cursors and page limits, shared by every paged read.
import { ValidationError } from "../domain/errors.js";
import type { Page } from "./store.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError("limit", `limit must be a whole number from 1 to ${MAX_LIMIT}; got ${limit}`);
  }
  return limit;
}

/** A cursor is the sort key of the last row of a page, plus a tag naming the ordering it belongs to. */
export function encodeCursor(tag: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([tag, ...key]), "utf8").toString("base64url");
}

/**
 * A cursor comes back from the caller, who may have crafted it: its values must be what we
 * encode (sort keys and ids: text without control characters, whole numbers), so that no
 * database sees a NUL, a NaN or a number out of range (PostgreSQL answered those with a 500).
 */
function isCursorValue(v: unknown): v is string | number {
  // eslint-disable-next-line no-control-regex
  if (typeof v === "string") return v.length <= 1024 && !/[\u0000-\u001f\u007f]/.test(v);
  return typeof v === "number" && Number.isSafeInteger(v);
}

export function decodeCursor(tag: string, cursor: string, length: number): (string | number)[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== length + 1 ||
    parsed[0] !== tag ||
    !parsed.every(isCursorValue)
  ) {
    throw new ValidationError(
      "cursor",
      "cursor is not valid for this list and sort order; start again without a cursor",
    );
  }
  return parsed.slice(1);
}

/** Rows were fetched with limit + 1: the extra row only tells that there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, map: (row: R) => T, key: (row: R) => string): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: more && last !== undefined ? key(last) : null };
}
