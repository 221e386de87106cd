// Large inserts on SQLite (StoreDialect.withIndexesDeferred of dialect-sqlite.ts): a table's secondary indexes are dropped before the insert and rebuilt
// after it, inside the commit's transaction. Rows arrive in primary-key order, so the table's own
// b-tree grows at its end, but each secondary index takes them in random order: at a million
// access rows that costs about 24 s against 2 s for building the index afresh (see docs/tables.md).
// Readers in other processes keep their snapshot (WAL) with the index; a failed or killed commit
// rolls the drop back with everything else. PostgreSQL is left alone: DROP INDEX would lock the
// table for every tenant until the commit ends.
import { sql } from "kysely";
import type { Executor } from "./context.js";
import type { TableName } from "./schema.js";

/** Rows below which an insert maintains the indexes as it goes (rebuilding costs a full scan). */
export const BULK_MIN_ROWS = 20_000;

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Runs `write` (which inserts `incoming` rows into `table`) with the table's secondary indexes
 * deferred when that is cheaper: on SQLite, at least BULK_MIN_ROWS rows and more than the table
 * already holds (rebuilding scans every connection's rows). The rebuilt indexes are the same
 * statements, as sqlite_master recorded them.
 */
export async function withIndexesDeferred(
  trx: Executor,
  table: TableName,
  incoming: number,
  write: () => Promise<void>,
): Promise<void> {
  if (incoming < BULK_MIN_ROWS) return write();
  const existing = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(trx);
  if ((existing.rows[0]?.n ?? 0) >= incoming) return write();
  const indexes = await sql<IndexDefinition>`
    select name, sql from sqlite_master
    where type = 'index' and tbl_name = ${table} and sql is not null
    order by name`.execute(trx);
  for (const index of indexes.rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  await write();
  for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
}
