// Batched writes with raw, dialect-neutral SQL (INSERT ... ON CONFLICT and row-value IN work the
// same in SQLite and PostgreSQL). Batches stay under both databases' bound-parameter limits.
import { sql } from "kysely";
import type { Executor, StoreContext } from "./context.js";
import { batchRows } from "./dialect.js";

type Row = Record<string, unknown>;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface Upsert {
  /** The primary key columns. */
  keys: string[];
  /** Columns replaced on conflict: all non-key columns. */
  update: string[];
}

/** Inserts rows (all with the same columns); with `upsert`, replaces rows whose key exists. */
export async function insertRows(
  ctx: StoreContext,
  trx: Executor,
  table: string,
  rows: readonly Row[],
  upsert?: Upsert,
): Promise<void> {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const conflict =
    upsert === undefined
      ? sql``
      : sql` on conflict (${sql.join(upsert.keys.map((k) => sql.ref(k)))}) do update set ${sql.join(
          upsert.update.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`),
        )}`;
  for (const batch of chunks(rows, batchRows(columns.length))) {
    const values = sql.join(batch.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`));
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${values}${conflict}`.execute(
      trx,
    );
    await ctx.hooks.afterCommitBatch?.(table, batch.length);
  }
}

/** Deletes the connection's rows whose key columns equal one of `keys` (tuples in `columns` order). */
export async function deleteRows(
  ctx: StoreContext,
  trx: Executor,
  table: string,
  connectionId: string,
  columns: string[],
  keys: readonly (readonly string[])[],
): Promise<void> {
  const refs = sql.join(columns.map((c) => sql.ref(c)));
  for (const batch of chunks(keys, batchRows(columns.length))) {
    const tuples = sql.join(batch.map((k) => sql`(${sql.join([...k])})`));
    await sql`delete from ${sql.table(table)} where ${sql.ref("connection_id")} = ${connectionId} and (${refs}) in (${tuples})`.execute(
      trx,
    );
    await ctx.hooks.afterCommitBatch?.(table, batch.length);
  }
}

export { chunks };
