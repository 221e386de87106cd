// Prepared statements reused by SQL text on the SQLite connection.
//
// Kysely's SQLite driver prepares a new better-sqlite3 statement for every query. Each holds a
// compiled SQLite program in native memory, freed only when V8 collects its small JavaScript
// wrapper; V8 does not see that native size, so it collects them late. A commit of many
// multi-row INSERT batches (hundreds of placeholders each) thus held some 160 MB of programs at
// 123,000 access rows on Node 24, whose larger young generation keeps wrappers longest. Reusing
// one statement per text bounds that to the cache's size, and saves compiling it again.
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** The better-sqlite3 surface used here: `busy` is true while a statement is being iterated. */
export interface PreparingDatabase {
  close(): void;
  prepare(sql: string): SqliteStatement & { readonly busy: boolean };
}

/** Distinct texts kept; the store's shapes are few (one per table and batch size). */
export const STATEMENT_CACHE_SIZE = 100;

/**
 * `database` with `prepare` answered from a least-recently-used cache of `size` statements. A
 * statement still being iterated (a streamed query) is not handed out again: that call gets a
 * fresh, uncached statement, as before.
 */
export function cachingStatements(database: PreparingDatabase, size = STATEMENT_CACHE_SIZE): SqliteDatabase {
  const cache = new Map<string, SqliteStatement & { readonly busy: boolean }>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare: (sql) => {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return database.prepare(sql);
        // Move to the most recent end.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
