// The StoreDialect of each database (dialect.ts).
import type { DialectName, StoreDialect } from "./dialect.js";
import { postgresDialect } from "./dialect-postgres.js";
import { sqliteDialect, sqliteDialectWith } from "./dialect-sqlite.js";

/** `sqliteBusyTimeoutMs`: SQLite writers' wait for the write lock, when not the default. */
export function storeDialect(name: DialectName, sqliteBusyTimeoutMs?: number): StoreDialect {
  if (name === "postgres") return postgresDialect;
  return sqliteBusyTimeoutMs === undefined ? sqliteDialect : sqliteDialectWith(sqliteBusyTimeoutMs);
}
