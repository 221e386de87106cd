// Migration 0006_folded_names (issue 17 defect 9, 5): names sort and search folded (domain/fold.ts:
// case- and accent-insensitive, "aerin" before "Zoë", "zoe" finds "Zoë") from the lists' indexes,
// the same in both databases; and a run held by drift protection keeps whom it would delete.
// - users.user_name_sort (new), display_name_sort and search_text recomputed folded; the user-name
//   indexes rebuilt on the folded key; SQLite's search index refilled;
// - access_grants.user_name_sort (new), access_grants_by_account rebuilt on it;
// - PostgreSQL: the sort keys compare in "C" (byte) order, as SQLite's do, whatever the database's
//   collation;
// - findings.sort_name folded;
// - sync_runs.live_users_before and held_deletions.
import { CompiledQuery, sql } from "kysely";
import type { Kysely, Migration } from "kysely";
import { foldText } from "../domain/fold.js";
import type { DialectName } from "./dialect.js";
import { storeDialect } from "./dialects.js";
import { derivedUserColumns, parseJson } from "./rows.js";

/** Users recomputed per statement: 4 parameters each on PostgreSQL. */
const BATCH = 1_000;

export function foldedNamesMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === "postgres") return postgresUp(db);
      // Kysely runs SQLite migrations outside a transaction: this one makes its own, and does
      // nothing when another process applied it first.
      await sql`begin immediate`.execute(db);
      try {
        const columns = await sql<{ name: string }>`pragma table_info(users)`.execute(db);
        if (!columns.rows.some((c) => c.name === "user_name_sort")) await sqliteUp(db);
        await sql`commit`.execute(db);
      } catch (err) {
        await sql`rollback`.execute(db).catch(() => undefined);
        throw err;
      }
    },
  };
}

async function addColumns(db: Kysely<unknown>, collate: string): Promise<void> {
  await sql.raw(`alter table users add column user_name_sort text${collate} not null default ''`).execute(db);
  await sql
    .raw(`alter table access_grants add column user_name_sort text${collate} not null default ''`)
    .execute(db);
  await sql`alter table sync_runs add column live_users_before integer`.execute(db);
  await sql`alter table sync_runs add column held_deletions text`.execute(db);
}

interface NameRow {
  connection_id: string;
  user_id: string;
  user_name: string;
  display_name: string | null;
  given_name: string | null;
  family_name: string | null;
  emails: string;
}

/** Every user's folded columns, a batch at a time in key order. */
async function* foldedUsers(db: Kysely<unknown>) {
  let after: [string, string] | null = null;
  for (;;) {
    const page: { rows: NameRow[] } =
      after === null
        ? await sql<NameRow>`select connection_id, user_id, user_name, display_name, given_name,
            family_name, emails from users order by connection_id, user_id limit ${BATCH}`.execute(db)
        : await sql<NameRow>`select connection_id, user_id, user_name, display_name, given_name,
            family_name, emails from users where (connection_id, user_id) > (${after[0]}, ${after[1]})
            order by connection_id, user_id limit ${BATCH}`.execute(db);
    if (page.rows.length === 0) return;
    yield page.rows.map((r) => ({
      connection_id: r.connection_id,
      user_id: r.user_id,
      ...derivedUserColumns({
        userName: r.user_name,
        displayName: r.display_name,
        givenName: r.given_name,
        familyName: r.family_name,
        emails: parseJson<string[]>(r.emails, []),
      }),
    }));
    const last = page.rows[page.rows.length - 1] as NameRow;
    after = [last.connection_id, last.user_id];
  }
}

const ACCESS_FROM_USERS = `update access_grants set user_name_sort = (select u.user_name_sort from users u
  where u.connection_id = access_grants.connection_id and u.user_id = access_grants.user_id)`;

async function rebuildIndexes(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "users_by_name",
    "users_by_status_name",
    "users_by_display_name",
    "access_grants_by_account",
  ])
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
  await sql`create index users_by_name on users (connection_id, user_name_sort, user_id)`.execute(db);
  await sql`create index users_by_status_name on users (connection_id, status, user_name_sort, user_id)`.execute(
    db,
  );
  await sql`create index users_by_display_name on users (connection_id, display_name_sort, user_id)`.execute(
    db,
  );
  await sql`create index access_grants_by_account on access_grants
    (connection_id, account_id, permission_set_arn, user_name_sort, user_id)`.execute(db);
}

/** Findings' subjects sort folded too; few enough (thousands) to rewrite one by one. */
async function foldFindings(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const rows = await sql<{ connection_id: string; id: string; sort_name: string }>`select connection_id, id,
    sort_name from findings`.execute(db);
  const set =
    dialect === "postgres"
      ? "update findings set sort_name = $1 where connection_id = $2 and id = $3"
      : "update findings set sort_name = ? where connection_id = ? and id = ?";
  for (const r of rows.rows) {
    const folded = foldText(r.sort_name);
    if (folded !== r.sort_name)
      await db.executeQuery(CompiledQuery.raw(set, [folded, r.connection_id, r.id]));
  }
}

async function sqliteUp(db: Kysely<unknown>): Promise<void> {
  await addColumns(db, "");
  await foldFindings(db, "sqlite");
  for await (const batch of foldedUsers(db)) {
    for (const u of batch) {
      await db.executeQuery(
        CompiledQuery.raw(
          `update users set user_name_sort = ?, display_name_sort = ?, search_text = ?
           where connection_id = ? and user_id = ?`,
          [u.user_name_sort, u.display_name_sort, u.search_text, u.connection_id, u.user_id],
        ),
      );
    }
  }
  await sql.raw(ACCESS_FROM_USERS).execute(db);
  await rebuildIndexes(db);
  // The search index holds the old (lower-cased, not folded) text: refill it.
  await sql`update user_search set search_text = (select u.search_text from users u
    where u.connection_id = user_search.connection_id and u.user_id = user_search.user_id)`.execute(db);
  await sql`insert into users_fts (users_fts) values ('delete-all')`.execute(db);
  await sql`insert into users_fts (rowid, search_text) select id, search_text from user_search`.execute(db);
}

async function postgresUp(db: Kysely<unknown>): Promise<void> {
  await addColumns(db, ' collate "C"');
  await sql`alter table users alter column display_name_sort type text collate "C"`.execute(db);
  await sql`alter table findings alter column sort_name type text collate "C"`.execute(db);
  await foldFindings(db, "postgres");
  for await (const batch of foldedUsers(db)) {
    await db.executeQuery(
      CompiledQuery.raw(
        `update users set user_name_sort = v.u, display_name_sort = v.d, search_text = v.s
         from (values ${storeDialect("postgres").placeholders(batch.length, 5)}) as v(c, id, u, d, s)
         where users.connection_id = v.c and users.user_id = v.id`,
        batch.flatMap((u) => [
          u.connection_id,
          u.user_id,
          u.user_name_sort,
          u.display_name_sort,
          u.search_text,
        ]),
      ),
    );
  }
  await sql.raw(ACCESS_FROM_USERS).execute(db);
  await rebuildIndexes(db);
}
