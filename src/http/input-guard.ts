// Refuses control characters in a request's path, query and body before any schema or store sees
// them. PostgreSQL cannot store a NUL in text (a 500 before this), SQLite's FTS5 reads one as a
// syntax error, and no identifier, name or filter of this API legitimately holds a control
// character. Body text may keep tab, newline and carriage return (a finding's accept reason).
import { ValidationError } from "../domain/errors.js";

// eslint-disable-next-line no-control-regex
const STRICT = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const BODY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const hex = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** The field's name as zod errors name it: the first segment for path and query, the dotted path for a body. */
function fieldName(where: "path" | "query" | "body", segments: readonly string[]): string {
  const named = where === "body" ? segments : segments.slice(0, 1);
  return named.length === 0 ? where : named.join(".");
}

/**
 * Throws a ValidationError naming the first field (or key) holding a control character. Walks
 * iteratively: a deeply nested JSON body must not overflow the stack.
 */
export function assertNoControlChars(value: unknown, where: "path" | "query" | "body"): void {
  const forbidden = where === "body" ? BODY : STRICT;
  // Each item links to its parent (no path copies: a body nested 30,000 deep stays linear).
  interface Item {
    value: unknown;
    key: string | null;
    parent: Item | null;
  }
  const pathOf = (item: Item): string[] => {
    const path: string[] = [];
    for (let at: Item | null = item; at !== null && at.key !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const stack: Item[] = [{ value, key: null, parent: null }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const v = item.value;
    if (typeof v === "string") {
      const found = forbidden.exec(v);
      if (found !== null) {
        const field = fieldName(where, pathOf(item));
        throw new ValidationError(
          field,
          `${where} ${field}: contains the control character ${hex(found[0])}; remove it`,
        );
      }
    } else if (Array.isArray(v)) {
      const parent = item;
      v.forEach((child, i) => stack.push({ value: child, key: String(i), parent }));
    } else if (v !== null && typeof v === "object") {
      for (const [key, child] of Object.entries(v)) {
        const found = forbidden.exec(key);
        if (found !== null) {
          const field = fieldName(where, pathOf(item));
          throw new ValidationError(
            field,
            `${where} ${field}: a field name contains the control character ${hex(found[0])}; remove it`,
          );
        }
        stack.push({ value: child, key, parent: item });
      }
    }
  }
}
