// Everything that differs between SQLite and PostgreSQL sits behind StoreDialect, with one
// implementation each (dialect-sqlite.ts, dialect-postgres.ts; Kysely's own dialect adapters are
// the model). The queries elsewhere are dialect-neutral Kysely and never ask which database they
// run on; a migration that differs as a whole keeps one function per dialect. Both databases get
// ISO text timestamps, text JSON and 0/1 booleans.
import type { Expression, Kysely, RawBuilder, SqlBool } from "kysely";
import type { Executor } from "./context.js";
import type { Database, TableName } from "./schema.js";
import type { StatusCounts } from "./user-counts.js";

export type DialectName = "sqlite" | "postgres";

export interface StoreDialect {
  readonly name: DialectName;
  /** Bound-parameter placeholders for `rows` tuples of `width` values, numbered after `offset` others. */
  placeholders(rows: number, width: number, offset?: number): string;
  /** Table options for a table keyed by a composite primary key. */
  tableOptions(): RawBuilder<unknown>;
  /** The column type of an ever-increasing integer key (`changes.id`)... */
  identityColumnType(): RawBuilder<unknown>;
  /** ...and whether its primary key also needs AUTOINCREMENT (ids never reused). */
  readonly autoIncrement: boolean;
  /** `expr` compared in byte order (ids sort the same in both databases). Use in ORDER BY and ranges. */
  byteOrder(expr: Expression<unknown>): RawBuilder<unknown>;
  /** A transaction that writes, holding the write lock from its start where the database needs that. */
  writeTransaction<T>(db: Kysely<Database>, fn: (trx: Executor) => Promise<T>): Promise<T>;
  /**
   * A write worth doing only if it can be done now: where the database would make it wait for
   * another connection's write (SQLite, synchronously, blocking the event loop), it fails at once
   * instead. For bookkeeping such as a token's last use.
   */
  writeIfFree<T>(db: Kysely<Database>, fn: (conn: Executor) => Promise<T>): Promise<T>;
  /** Runs `write` (inserting `incoming` rows into `table`), deferring secondary indexes where that pays. */
  withIndexesDeferred(
    trx: Executor,
    table: TableName,
    incoming: number,
    write: () => Promise<void>,
  ): Promise<void>;
  /** After a commit that wrote these many rows per table: refresh the planner's statistics if needed. */
  refreshStatistics(db: Kysely<Database>, written: readonly (readonly [TableName, number])[]): Promise<void>;
  readonly userSearch: UserSearchDialect;
}

/** User search (user-search.ts): the same answers, found by each database's own index. */
export interface UserSearchDialect {
  /** A condition on `users` (not aliased) that keeps the users matching the folded `term`. */
  condition(connectionIds: readonly string[], term: string): RawBuilder<SqlBool>;
  /** Users per status among the matches. */
  counts(db: Executor, connectionIds: readonly string[], term: string): Promise<StatusCounts>;
  /** Brings the search index up to date for users just written, in the commit's transaction. */
  index(
    trx: Executor,
    connectionId: string,
    users: readonly { user_id: string; status: string; search_text: string }[],
  ): Promise<void>;
  /** Removes a connection's users from the search index (before the connection is deleted). */
  unindex(trx: Executor, connectionId: string): Promise<void>;
  /** Whether a searched page reads its matches first (a materialized CTE) and orders them after. */
  readonly materializeMatches: boolean;
}

/**
 * Bound parameters per statement we allow ourselves: under SQLite's 32766 and PostgreSQL's 65535.
 * Batches are sized from it (rows = MAX_PARAMS / columns), and capped at MAX_BATCH_ROWS.
 */
export const MAX_PARAMS = 30_000;
export const MAX_BATCH_ROWS = 1_000;

export function batchRows(columnsPerRow: number): number {
  return Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMS / columnsPerRow)));
}

/**
 * "(a,b),(c,d)" for `rows` tuples of `width` cells, cell `i` (counted from 1, after `offset`
 * others) written by `cell`: the dialects' placeholders are built on it.
 */
export function tupleList(rows: number, width: number, offset: number, cell: (i: number) => string): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < width; c++) cells.push(cell(offset + r * width + c + 1));
    out.push(`(${cells.join(",")})`);
  }
  return out.join(",");
}

/** A unique or primary key constraint refused an insert (better-sqlite3 or pg error). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/** How long an SQLite writer waits for another process's write transaction. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function isSqliteBusy(err: unknown): boolean {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

/** count(*) and bigint come back as strings from pg. */
export function toNumber(value: string | number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
