// User search (ListUsersOptions.search): a case- and accent-insensitive substring of the user name,
// display name, given or family name or an email, i.e. of users.search_text, which holds them
// folded (domain/fold.ts: "zoe" finds "Zoë").
// The same answer in both databases, found differently:
// - SQLite: terms of 3+ characters through the FTS5 trigram index users_fts, whose rowids are
//   user_search.id, shorter terms with instr() over user_search (a narrow table: id, key, status,
//   text); the commit keeps both current (indexUsers);
// - PostgreSQL: LIKE, which the pg_trgm GIN index serves where the extension could be installed.
import { CompiledQuery, sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import { foldText } from "../domain/fold.js";
import { chunks } from "./batch.js";
import type { Executor, StoreContext } from "./context.js";
import { placeholders } from "./dialect.js";
import type { StatusCounts } from "./user-counts.js";
import { statusCounts } from "./user-counts.js";

/** The term as matched (trimmed, folded like search_text); null when there is none. */
export function searchTerm(search: string | undefined): string | null {
  const term = foldText((search ?? "").trim());
  return term === "" ? null : term;
}

export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** FTS5 trigrams cover terms of at least three characters (code points). */
function usesTrigrams(term: string): boolean {
  return [...term].length >= 3;
}

/** The term as one FTS5 phrase: its trigrams in a row, which is exactly a substring match. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** SQLite: the matching rows of user_search (aliased s) of these connections. */
function matchingRows(connectionIds: readonly string[], term: string): RawBuilder<unknown> {
  return usesTrigrams(term)
    ? sql`users_fts join user_search s on s.id = users_fts.rowid
        where users_fts match ${ftsPhrase(term)} and s.connection_id in (${inList(connectionIds)})`
    : sql`user_search s
        where s.connection_id in (${inList(connectionIds)}) and instr(s.search_text, ${term}) > 0`;
}

/** A condition on `users` (not aliased) that keeps the users matching `term`. */
export function searchCondition(
  ctx: StoreContext,
  connectionIds: readonly string[],
  term: string,
): RawBuilder<SqlBool> {
  if (ctx.dialect === "postgres")
    return sql<SqlBool>`${sql.ref("search_text")} like ${likePattern(term)} escape '\\'`;
  return connectionIds.length === 1
    ? sql<SqlBool>`user_id in (select s.user_id from ${matchingRows(connectionIds, term)})`
    : sql<SqlBool>`(connection_id, user_id) in (select s.connection_id, s.user_id from ${matchingRows(connectionIds, term)})`;
}

/** Users per status among the matches. */
export async function searchCounts(
  ctx: StoreContext,
  connectionIds: readonly string[],
  term: string,
): Promise<StatusCounts> {
  type Row = { status: string; n: string | number };
  const rows =
    ctx.dialect === "postgres"
      ? await sql<Row>`select status, count(*) as n from users
          where connection_id in (${inList(connectionIds)})
          and search_text like ${likePattern(term)} escape '\\' group by status`.execute(ctx.db)
      : await sql<Row>`select s.status, count(*) as n from ${matchingRows(connectionIds, term)}
          group by s.status`.execute(ctx.db);
  return statusCounts(rows.rows);
}

/** Users per statement when (re)indexing: 4 parameters each, well under SQLite's limit. */
const INDEX_BATCH = 500;

const list = (n: number) => placeholders("sqlite", 1, n).slice(1, -1);

/**
 * SQLite: brings user_search and users_fts up to date for users just inserted or replaced, in the
 * commit's transaction. Only new users and users whose search text changed touch the FTS index.
 */
export async function indexUsers(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  users: readonly { user_id: string; status: string; search_text: string }[],
): Promise<void> {
  if (ctx.dialect !== "sqlite") return;
  type Indexed = { id: number; user_id: string; search_text: string };
  for (const batch of chunks(users, INDEX_BATCH)) {
    const before = await trx.executeQuery<Indexed>(
      CompiledQuery.raw(
        `select id, user_id, search_text from user_search
         where connection_id = ? and user_id in (${list(batch.length)})`,
        [connectionId, ...batch.map((u) => u.user_id)],
      ),
    );
    const old = new Map(before.rows.map((r) => [r.user_id, r]));
    const after = await trx.executeQuery<{ id: number; user_id: string }>(
      CompiledQuery.raw(
        `insert into user_search (connection_id, user_id, status, search_text)
         values ${placeholders("sqlite", batch.length, 4)}
         on conflict (connection_id, user_id) do update
         set status = excluded.status, search_text = excluded.search_text returning id, user_id`,
        batch.flatMap((u) => [connectionId, u.user_id, u.status, u.search_text]),
      ),
    );
    const ids = new Map(after.rows.map((r) => [r.user_id, r.id]));
    const changed = batch.filter((u) => old.get(u.user_id)?.search_text !== u.search_text);
    const stale = changed.flatMap((u) => {
      const o = old.get(u.user_id);
      return o === undefined ? [] : [o.id];
    });
    if (stale.length > 0) {
      await trx.executeQuery(
        CompiledQuery.raw(`delete from users_fts where rowid in (${list(stale.length)})`, stale),
      );
    }
    if (changed.length > 0) {
      await trx.executeQuery(
        CompiledQuery.raw(
          `insert into users_fts (rowid, search_text) values ${placeholders("sqlite", changed.length, 2)}`,
          changed.flatMap((u) => [ids.get(u.user_id), u.search_text]),
        ),
      );
    }
  }
}

/** SQLite: removes a connection's users from the search index (before the connection is deleted). */
export async function unindexConnection(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
): Promise<void> {
  if (ctx.dialect !== "sqlite") return;
  await sql`delete from users_fts where rowid in
    (select id from user_search where connection_id = ${connectionId})`.execute(trx);
  await sql`delete from user_search where connection_id = ${connectionId}`.execute(trx);
}
