// The SQLite side of StoreDialect (dialect.ts).
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { withIndexesDeferred } from "./bulk-load.js";
import type { Executor } from "./context.js";
import { isSqliteBusy, SQLITE_BUSY_TIMEOUT_MS, tupleList, type StoreDialect } from "./dialect.js";
import type { Database } from "./schema.js";
import { sqliteUserSearch } from "./user-search-sqlite.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE, waiting for another writer asynchronously: better-sqlite3's own busy wait
 * blocks the event loop, which would stall this process (and, with two stores in one process,
 * deadlock them) while another transaction holds the write lock.
 */
async function beginImmediate(conn: Kysely<Database>, busyTimeoutMs: number): Promise<void> {
  const deadline = Date.now() + busyTimeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    await sql.raw("pragma busy_timeout = 0").execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() > deadline) throw err;
    } finally {
      await sql.raw(`pragma busy_timeout = ${busyTimeoutMs}`).execute(conn);
    }
    await sleep(delay);
  }
}

/**
 * A transaction that writes starts with BEGIN IMMEDIATE, so that it takes the write lock at once
 * (waiting up to the busy timeout) rather than failing with SQLITE_BUSY when a read inside it is
 * later upgraded to a write while another process writes.
 */
function writeTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Executor) => Promise<T>,
  busyTimeoutMs: number,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await beginImmediate(conn, busyTimeoutMs);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      // SQLite may already have rolled back by itself (e.g. disk full): the first error is the one to report.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Runs `fn` with no busy wait: SQLITE_BUSY at once while another connection (a sync's thread
 * committing) holds the write lock, instead of better-sqlite3's wait, which blocks the event loop.
 */
function writeIfFree<T>(
  db: Kysely<Database>,
  fn: (conn: Executor) => Promise<T>,
  busyTimeoutMs: number,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw("pragma busy_timeout = 0").execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql.raw(`pragma busy_timeout = ${busyTimeoutMs}`).execute(conn);
    }
  });
}

/**
 * The SQLite dialect whose writers wait up to `busyTimeoutMs` for the write lock: the service's
 * default, or longer in a sync's own thread (its wait blocks nobody, and another thread's large
 * commit may hold the lock for longer than the default).
 */
export function sqliteDialectWith(busyTimeoutMs: number): StoreDialect {
  return {
    ...sqliteDialect,
    writeTransaction: (db, fn) => writeTransaction(db, fn, busyTimeoutMs),
    writeIfFree: (db, fn) => writeIfFree(db, fn, busyTimeoutMs),
  };
}

export const sqliteDialect: StoreDialect = {
  name: "sqlite",
  placeholders: (rows, width, offset = 0) => tupleList(rows, width, offset, () => "?"),
  // Tables keyed by a composite primary key are best WITHOUT ROWID (one b-tree, not two).
  tableOptions: () => sql`without rowid`,
  identityColumnType: () => sql`integer`,
  autoIncrement: true,
  // SQLite's default BINARY collation is byte order already.
  byteOrder: (expr) => sql`${expr}`,
  writeTransaction: (db, fn) => writeTransaction(db, fn, SQLITE_BUSY_TIMEOUT_MS),
  writeIfFree: (db, fn) => writeIfFree(db, fn, SQLITE_BUSY_TIMEOUT_MS),
  withIndexesDeferred,
  // SQLite plans by its indexes: no statistics to refresh.
  refreshStatistics: () => Promise.resolve(),
  userSearch: sqliteUserSearch,
};
