// Opens the store the configuration asks for: PostgreSQL when a postgres URL is given, else the
// SQLite file <dataDir>/idc-sync.db. Migrations run before the store is returned.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { ValidationError } from "../domain/errors.js";
import type { DialectName } from "./dialect.js";
import { SQLITE_BUSY_TIMEOUT_MS } from "./dialect.js";
import { KyselyStore } from "./kysely-store.js";
import { migrateToLatest } from "./migrations.js";
import { cachingStatements } from "./statement-cache.js";
import type { Database as Tables } from "./schema.js";
import type { StoreHooks } from "./store.js";

export const SQLITE_FILE_NAME = "idc-sync.db";

export interface OpenStoreOptions {
  /** The data directory (config.dataDir); the SQLite file goes here. */
  dataDir?: string;
  /** config.databaseUrl: a postgres:// or postgresql:// URL selects PostgreSQL. */
  databaseUrl?: string | undefined;
  /** An explicit SQLite file (":memory:" for a private in-memory database); overrides dataDir. */
  sqliteFile?: string;
  /** PostgreSQL only: the schema to use (search_path), e.g. a per-test-run schema. Created if missing. */
  schema?: string;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
  now?: () => Date;
  hooks?: StoreHooks;
  /**
   * SQLite: how long a writer waits for another connection's write transaction (default 10 s).
   * A sync's own thread waits longer: its wait blocks no one, and a large commit of another
   * thread may hold the lock for longer than that.
   */
  sqliteBusyTimeoutMs?: number;
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openStore(options: OpenStoreOptions): Promise<KyselyStore> {
  const url = options.databaseUrl;
  let dialect: DialectName;
  let db: Kysely<Tables>;
  if (url !== undefined && url !== "") {
    if (!isPostgresUrl(url)) {
      throw new ValidationError(
        "DATABASE_URL",
        "DATABASE_URL must be a postgres:// URL; leave it unset to use SQLite in the data directory",
      );
    }
    dialect = "postgres";
    db = await openPostgres(url, options);
  } else {
    dialect = "sqlite";
    db = openSqlite(options);
  }
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new KyselyStore(db, dialect, {
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.hooks === undefined ? {} : { hooks: options.hooks }),
    ...(options.sqliteBusyTimeoutMs === undefined
      ? {}
      : { sqliteBusyTimeoutMs: options.sqliteBusyTimeoutMs }),
  });
}

/** The WAL is truncated to this after a checkpoint (else it keeps its peak size for good). */
export const SQLITE_JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;

/**
 * The database holds names, emails and token hashes: only the service's own user may read it.
 * A data directory we create is 0700 and the database files 0600, set explicitly because the
 * mode given at creation is masked by the umask. SQLite gives its -wal and -shm files the
 * database file's mode; existing ones are tightened too.
 */
export function privateDataDir(dir: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

function privateDatabaseFiles(file: string): void {
  if (file === ":memory:" || file === "") return;
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if (existsSync(f)) chmodSync(f, 0o600);
    } catch {
      // Not ours to change (another owner, a read-only disk): opening it tells what is wrong.
    }
  }
}

function openSqlite(options: OpenStoreOptions): Kysely<Tables> {
  let file = options.sqliteFile;
  if (file === undefined) {
    const dir = options.dataDir ?? "./data";
    privateDataDir(dir);
    file = join(dir, SQLITE_FILE_NAME);
  }
  privateDatabaseFiles(file);
  // A single write waits for another process's write transaction before SQLITE_BUSY;
  // transactions wait asynchronously instead (see writeTransaction).
  const sqlite = new Database(file, { timeout: options.sqliteBusyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`journal_size_limit = ${SQLITE_JOURNAL_SIZE_LIMIT}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  return new Kysely<Tables>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Kysely<Tables>> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new ValidationError("schema", "schema must be a lower-case SQL identifier (letters, digits, _)");
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on("error", () => undefined);
  if (schema !== undefined) {
    const client = await pool.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      client.release();
    }
  }
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}
