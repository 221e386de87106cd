// Migration 0002_user_search: user search that does not scan every user, and per-status user
// counts stored with the connection (recounted by each commit) so that user lists do not recount.
// SQLite: an FTS5 trigram index over the users' search text, with a narrow side table that also
// serves terms too short for trigrams; PostgreSQL: a pg_trgm GIN index when the extension is (or
// can be) installed.
import { sql } from "kysely";
import type { Kysely, Migration, RawBuilder } from "kysely";
import type { DialectName } from "./dialect.js";

export function userSearchMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === "sqlite") await sqliteUp(db);
      else await postgresUp(db);
    },
  };
}

const STATUS_COLUMNS = [
  ["user_count_enabled", "ENABLED"],
  ["user_count_disabled", "DISABLED"],
  ["user_count_deleted", "DELETED"],
] as const;

async function addUserCounts(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  for (const [column, status] of STATUS_COLUMNS) {
    await db.schema
      .alterTable("connections")
      .addColumn(column, "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update connections set ${sql.ref(column)} = (select count(*) from users u
      where u.connection_id = connections.id and u.status = ${status})`.execute(db);
  }
}

/**
 * Kysely runs SQLite migrations outside a transaction: this one makes its own, and does nothing
 * if another process applied it first (its tables exist).
 */
async function sqliteUp(db: Kysely<unknown>): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    const applied = await sql<{ n: number }>`select count(*) as n from sqlite_master
      where type = 'table' and name = 'user_search'`.execute(db);
    if (applied.rows[0]?.n === 0) {
      await addUserCounts(db);
      // The search side of each user: its integer key (FTS5 rowids are integers; users is keyed
      // by text), status and search text, read without touching the wide users rows. Written by
      // the commit with the users; gone with the connection. AUTOINCREMENT: an id is never reused,
      // so an index row left by a removed user can never match another one.
      await sql`create table user_search (
        id integer primary key autoincrement,
        connection_id text not null references connections (id) on delete cascade,
        user_id text not null,
        status text not null,
        search_text text not null,
        unique (connection_id, user_id)
      )`.execute(db);
      // case_sensitive 1: search_text and the term are lower-cased by us, so a trigram phrase match
      // is exactly a substring match (no folding of its own that PostgreSQL's LIKE would not do).
      await sql`create virtual table users_fts using fts5(
        search_text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1'
      )`.execute(db);
      await sql`insert into user_search (connection_id, user_id, status, search_text)
        select connection_id, user_id, status, search_text from users
        order by connection_id, user_id`.execute(db);
      await sql`insert into users_fts (rowid, search_text) select id, search_text from user_search`.execute(
        db,
      );
    }
    await sql`commit`.execute(db);
  } catch (err) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw err;
  }
}

async function postgresUp(db: Kysely<unknown>): Promise<void> {
  await addUserCounts(db);
  const schema = await installTrigram(db);
  if (schema === null) return; // search still works (LIKE), scanning the users of the connection
  await optional(
    db,
    sql`create index users_by_search_trgm on users using gin (search_text ${sql.id(schema)}.gin_trgm_ops)`,
  );
}

async function trigramSchema(db: Kysely<unknown>): Promise<string | null> {
  const found = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e
    join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return found.rows[0]?.schema ?? null;
}

/**
 * The schema holding pg_trgm, installing it if needed: into public (so that dropping an
 * application schema never drops it), else into the current schema. Null when it cannot be
 * installed (not available, or the user may not create it).
 */
async function installTrigram(db: Kysely<unknown>): Promise<string | null> {
  for (const install of [
    sql`create extension if not exists pg_trgm with schema public`,
    sql`create extension if not exists pg_trgm`,
  ]) {
    const schema = await trigramSchema(db);
    if (schema !== null) return schema;
    await optional(db, install);
  }
  return trigramSchema(db);
}

/** Runs a statement inside the migration's transaction; its failure undoes only itself. */
async function optional(db: Kysely<unknown>, statement: RawBuilder<unknown>): Promise<boolean> {
  await sql`savepoint optional_step`.execute(db);
  try {
    await statement.execute(db);
    await sql`release savepoint optional_step`.execute(db);
    return true;
  } catch {
    await sql`rollback to savepoint optional_step`.execute(db);
    return false;
  }
}
