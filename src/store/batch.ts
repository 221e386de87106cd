// Batched writes. The SQL is built by hand (one text per batch shape, cached) and run through
// Kysely's executor: building a Kysely node per value would cost more than the database does at a
// million rows. INSERT ... ON CONFLICT and row-value IN are the same in SQLite and PostgreSQL;
// only the placeholders differ (StoreDialect). Batches stay under both parameter limits.
// Inserts and deletes are typed by table: a row is the table's Insertable shape, keys and updated
// columns are the table's column names.
import { CompiledQuery } from "kysely";
import type { Insertable } from "kysely";
import type { Executor, StoreContext } from "./context.js";
import type { StoreDialect } from "./dialect.js";
import { batchRows } from "./dialect.js";
import type { Database, TableName } from "./schema.js";

/** A row to insert into `T`. */
export type RowOf<T extends TableName> = Insertable<Database[T]>;
/** A column name of `T`. */
export type ColumnOf<T extends TableName> = keyof Database[T] & string;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Our table and column names are constants: quoting them is enough. */
const q = (name: string) => `"${name}"`;

export interface Upsert<T extends TableName> {
  /** The primary key columns. */
  keys: readonly ColumnOf<T>[];
  /** Columns replaced on conflict: all non-key columns. */
  update: readonly ColumnOf<T>[];
}

const tupleCache = new Map<string, string>();

/** "(?,?),(?,?)" or "($1,$2),($3,$4)" for `rows` tuples of `width` values after `offset` others. */
function tuples(dialect: StoreDialect, rows: number, width: number, offset = 0): string {
  const key = `${dialect.name}:${rows}:${width}:${offset}`;
  let text = tupleCache.get(key);
  if (text === undefined) {
    text = dialect.placeholders(rows, width, offset);
    if (tupleCache.size > 1000) tupleCache.clear();
    tupleCache.set(key, text);
  }
  return text;
}

/** Inserts rows (all with the same columns); with `upsert`, replaces rows whose key exists. */
export async function insertRows<T extends TableName>(
  ctx: StoreContext,
  trx: Executor,
  table: T,
  rows: readonly RowOf<T>[],
  upsert?: Upsert<T>,
): Promise<void> {
  await insertMapped(ctx, trx, table, rows, (row) => row, upsert);
}

/**
 * Inserts `items` mapped to rows by `toRow` (all with the same columns), one batch at a time: only
 * one batch of rows exists at once, however many items (a million access rows would take hundreds
 * of megabytes as rows). With `upsert`, replaces rows whose key exists.
 */
export async function insertMapped<I, T extends TableName>(
  ctx: StoreContext,
  trx: Executor,
  table: T,
  items: Iterable<I>,
  toRow: (item: I) => RowOf<T>,
  upsert?: Upsert<T>,
): Promise<void> {
  let columns: string[] = [];
  let size = 0;
  let head = "";
  let params: unknown[] = [];
  let rows = 0;
  const flush = async () => {
    const text = head + tuples(ctx.dialect, rows, columns.length) + conflict;
    await trx.executeQuery(CompiledQuery.raw(text, params));
    await ctx.hooks.afterCommitBatch?.(table, rows);
    params = [];
    rows = 0;
  };
  const conflict =
    upsert === undefined
      ? ""
      : ` on conflict (${upsert.keys.map(q).join(", ")}) do update set ${upsert.update
          .map((c) => `${q(c)} = excluded.${q(c)}`)
          .join(", ")}`;
  for (const item of items) {
    const row = toRow(item) as Record<string, unknown>;
    if (size === 0) {
      columns = Object.keys(row);
      size = batchRows(columns.length);
      head = `insert into ${q(table)} (${columns.map(q).join(", ")}) values `;
    }
    for (const c of columns) params.push(row[c]);
    if (++rows === size) await flush();
  }
  if (rows > 0) await flush();
}

/** Deletes the connection's rows whose key columns equal one of `keys` (tuples in `columns` order). */
export async function deleteRows<T extends TableName>(
  ctx: StoreContext,
  trx: Executor,
  table: T,
  connectionId: string,
  columns: readonly ColumnOf<T>[],
  keys: readonly (readonly string[])[],
): Promise<void> {
  const head = `delete from ${q(table)} where "connection_id" = ${ctx.dialect.placeholders(1, 1, 0).slice(1, -1)} and (${columns.map(q).join(", ")}) in `;
  for (let i = 0, size = batchRows(columns.length); i < keys.length; i += size) {
    const batch = keys.slice(i, i + size);
    const params: unknown[] = [connectionId];
    for (const key of batch) params.push(...key);
    const text = `${head}(${tuples(ctx.dialect, batch.length, columns.length, 1)})`;
    await trx.executeQuery(CompiledQuery.raw(text, params));
    await ctx.hooks.afterCommitBatch?.(table, batch.length);
  }
}
