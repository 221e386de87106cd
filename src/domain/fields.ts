// Field lists: each entity's fields, once, with how each is compared, stored and exported. The
// entity's type, the diff (what is "the same", what an `*.updated` change reports), the store's
// columns and row mapping, the export's schema and key order and the CSV columns all derive from
// its list (model.ts), so adding a field is one line there, its mapper and its migration.
import { z } from "zod";
import { compareStrings, sortRecord } from "./sort.js";

/** How one value is compared, stored and exported. Methods: checked per field, not per codec. */
export interface Codec<T, S extends string | null> {
  /** The export's (and the API's) schema of the value. */
  readonly schema: z.ZodType<T>;
  /** The value in its one canonical form (sets sorted, keys sorted): what is stored and exported. */
  canonical(value: T): T;
  /** Whether two values are equal once canonical; allocates nothing for text and plain lists. */
  same(a: T, b: T): boolean;
  /** The store's column value (JSON text for structured values, in canonical form). */
  encode(value: T): S;
  decode(stored: S): T;
}

/**
 * What a difference in the field means to the diff. `key`: the entity's id. `reported`: an
 * `*.updated` change row with the field's before and after. `silent`: the row is rewritten, no
 * change row. `own`: the diff handles it itself (a user's status: enabled/disabled/restored).
 */
export type DiffRole = "key" | "reported" | "silent" | "own";

export interface Field<T, C extends string, S extends string | null> {
  /** The store's column. */
  readonly column: C;
  readonly codec: Codec<T, S>;
  readonly diff: DiffRole;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the widest field: any value type
export type AnyField = Field<any, string, string | null>;
export type FieldList = Readonly<Record<string, AnyField>>;

/** The entity a field list describes. */
export type EntityOf<F extends FieldList> = {
  -readonly [K in keyof F]: F[K] extends Field<infer T, string, string | null> ? T : never;
};

/** The store's columns of a field list, with their stored types. */
export type ColumnsOf<F extends FieldList> = {
  [K in keyof F as F[K]["column"]]: F[K] extends Field<unknown, string, infer S> ? S : never;
};

export function field<T, C extends string, S extends string | null>(
  column: C,
  codec: Codec<T, S>,
  diff: DiffRole,
): Field<T, C, S> {
  return { column, codec, diff };
}

// ---- Codecs ----------------------------------------------------------------------------------

function identity<T>(v: T): T {
  return v;
}

/** Text stored as it is; `schema` narrows it (e.g. to a status enum). */
export function text<T extends string = string>(
  schema: z.ZodType<T> = z.string() as unknown as z.ZodType<T>,
): Codec<T, T> {
  return { schema, canonical: identity, same: (a, b) => a === b, encode: identity, decode: identity };
}

export function nullableText(): Codec<string | null, string | null> {
  return {
    schema: z.string().nullable(),
    canonical: identity,
    same: (a, b) => a === b,
    encode: identity,
    decode: identity,
  };
}

function json<T>(
  schema: z.ZodType<T>,
  canonical: (v: T) => T,
  same: (a: T, b: T) => boolean,
  empty: T,
): Codec<T, string> {
  return {
    schema,
    canonical,
    same,
    encode: (v) => JSON.stringify(canonical(v)),
    decode: (s) => (s === "" ? empty : (JSON.parse(s) as T)),
  };
}

const sameJson =
  <T>(canonical: (v: T) => T) =>
  (a: T, b: T) =>
    JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/** A list of strings whose order means something (a user's emails: primary first). */
export function textList(): Codec<string[], string> {
  return json(
    z.array(z.string()),
    identity,
    (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
    [],
  );
}

/** A set of strings, kept sorted (a permission set's managed policy ARNs). */
export function textSet(): Codec<string[], string> {
  const canonical = (v: string[]) => [...v].sort(compareStrings);
  return json(z.array(z.string()), canonical, sameJson(canonical), []);
}

/**
 * A list of flat string records, each written with `keys` in that order; `compare` sorts it where
 * its order means nothing (omit it to keep AWS's order).
 */
export function recordList<T extends Record<string, string>>(
  keys: readonly (keyof T & string)[],
  compare?: (a: T, b: T) => number,
): Codec<T[], string> {
  const schema = z.array(z.object(Object.fromEntries(keys.map((k) => [k, z.string()])))) as z.ZodType<
    unknown[]
  > as z.ZodType<T[]>;
  const canonical = (v: T[]) => {
    const list = v.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])) as unknown as T);
    return compare === undefined ? list : list.sort(compare);
  };
  const same = (a: T[], b: T[]) =>
    compare === undefined
      ? a.length === b.length && a.every((x, i) => keys.every((k) => x[k] === b[i]?.[k]))
      : sameJson(canonical)(a, b);
  return json(schema, canonical, same, []);
}

/** String tags, keys sorted. */
export function tags(): Codec<Record<string, string>, string> {
  return json(z.record(z.string(), z.string()), sortRecord, sameJson(sortRecord), {});
}

/** A structured value or null, stored as JSON text or NULL. */
export function nullableJson<T>(schema: z.ZodType<T>): Codec<T | null, string | null> {
  return {
    schema: schema.nullable(),
    canonical: identity,
    same: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    encode: (v) => (v === null ? null : JSON.stringify(v)),
    decode: (s) => (s === null || s === "" ? null : (JSON.parse(s) as T)),
  };
}

// ---- What derives from a field list ----------------------------------------------------------

const entryLists = new WeakMap<FieldList, readonly [string, AnyField][]>();

/** The list's entries, made once per list: the diff walks them for each of 100,000 users. */
function entries(fields: FieldList): readonly [string, AnyField][] {
  let list = entryLists.get(fields);
  if (list === undefined) {
    list = Object.entries(fields);
    entryLists.set(fields, list);
  }
  return list;
}

/** The field names, in the list's order: the export's key order and the CSV's columns. */
export function fieldNames<F extends FieldList>(fields: F): (keyof F & string)[] {
  return Object.keys(fields);
}

/** The entity with every field in canonical form, keys in the list's order. */
export function canonicalEntity<F extends FieldList>(fields: F, value: EntityOf<F>): EntityOf<F> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of entries(fields))
    out[name] = f.codec.canonical((value as Record<string, unknown>)[name]);
  return out as EntityOf<F>;
}

/** Whether every field but the key (and those `except` names) is the same. */
export function sameEntity<F extends FieldList>(
  fields: F,
  a: EntityOf<F>,
  b: EntityOf<F>,
  except: DiffRole[] = [],
): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const [name, f] of entries(fields)) {
    if (f.diff === "key" || except.includes(f.diff)) continue;
    if (!f.codec.same(x[name], y[name])) return false;
  }
  return true;
}

/** The `reported` fields that differ, with their canonical values before and after; null if none. */
export function reportedChanges<F extends FieldList>(
  fields: F,
  before: EntityOf<F>,
  after: EntityOf<F>,
): { before: Partial<EntityOf<F>>; after: Partial<EntityOf<F>> } | null {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  let changed = false;
  for (const [name, f] of entries(fields)) {
    if (f.diff !== "reported") continue;
    const x = (before as Record<string, unknown>)[name];
    const y = (after as Record<string, unknown>)[name];
    if (f.codec.same(x, y)) continue;
    b[name] = f.codec.canonical(x);
    a[name] = f.codec.canonical(y);
    changed = true;
  }
  return changed ? { before: b as Partial<EntityOf<F>>, after: a as Partial<EntityOf<F>> } : null;
}

/** The store's columns of `value`. */
export function toColumns<F extends FieldList>(fields: F, value: EntityOf<F>): ColumnsOf<F> {
  const row: Record<string, unknown> = {};
  for (const [name, f] of entries(fields))
    row[f.column] = f.codec.encode((value as Record<string, unknown>)[name]);
  return row as ColumnsOf<F>;
}

/** The entity from the store's columns. */
export function fromColumns<F extends FieldList>(fields: F, row: ColumnsOf<F>): EntityOf<F> {
  const out: Record<string, unknown> = {};
  for (const [name, f] of entries(fields))
    out[name] = f.codec.decode((row as Record<string, string | null>)[f.column] ?? null);
  return out as EntityOf<F>;
}

/** Every column of the list, in its order. */
export function columnsOf<F extends FieldList>(fields: F): F[keyof F]["column"][] {
  return entries(fields).map(([, f]) => f.column);
}

/** The columns an upsert rewrites: all but the key. */
export function updateColumnsOf<F extends FieldList>(fields: F): F[keyof F]["column"][] {
  return entries(fields)
    .filter(([, f]) => f.diff !== "key")
    .map(([, f]) => f.column);
}

/** The export's zod shape of the entity, keys in the list's order. */
export function exportShape<F extends FieldList>(fields: F): { [K in keyof F]: F[K]["codec"]["schema"] } {
  return Object.fromEntries(entries(fields).map(([name, f]) => [name, f.codec.schema])) as {
    [K in keyof F]: F[K]["codec"]["schema"];
  };
}
