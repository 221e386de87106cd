// The StoreDialect of each database (dialect.ts).
import type { DialectName, StoreDialect } from "./dialect.js";
import { postgresDialect } from "./dialect-postgres.js";
import { sqliteDialect } from "./dialect-sqlite.js";

export function storeDialect(name: DialectName): StoreDialect {
  return name === "postgres" ? postgresDialect : sqliteDialect;
}
