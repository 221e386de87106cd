// User search (ListUsersOptions.search): a case-insensitive substring of the user name, display
// name, given or family name or an email, i.e. of users.search_text, which holds them lower-cased.
// The same answer in both databases, found differently:
// - SQLite: terms of 3+ characters through the FTS5 trigram index users_fts (its rowids are
//   user_search_keys.id; the commit keeps both current: indexUsers), shorter terms with instr()
//   over the covering index users_by_search_text (a scan of that index, never of the table);
// - PostgreSQL: LIKE, which the pg_trgm GIN index serves where the extension could be installed.
import { CompiledQuery, sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import { chunks } from "./batch.js";
import type { Executor, StoreContext } from "./context.js";
import { placeholders } from "./dialect.js";
import type { StatusCounts } from "./user-counts.js";
import { statusCounts } from "./user-counts.js";

/** The term as matched (trimmed, lower-cased like search_text); null when there is none. */
export function searchTerm(search: string | undefined): string | null {
  const term = (search ?? "").trim().toLowerCase();
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

/** SQLite: the keys of the matching users of these connections (just user_id for one connection). */
function matchingKeys(connectionIds: readonly string[], term: string): RawBuilder<unknown> {
  const t = usesTrigrams(term) ? "k" : "s";
  const keys = sql.raw(connectionIds.length === 1 ? `${t}.user_id` : `${t}.connection_id, ${t}.user_id`);
  return usesTrigrams(term)
    ? sql`select ${keys} from users_fts join user_search_keys k on k.id = users_fts.rowid
        where users_fts match ${ftsPhrase(term)} and k.connection_id in (${inList(connectionIds)})`
    : sql`select ${keys} from users s
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
  const keys = connectionIds.length === 1 ? sql`user_id` : sql`(connection_id, user_id)`;
  return sql<SqlBool>`${keys} in (${matchingKeys(connectionIds, term)})`;
}

/**
 * Users per status among the matches. `scope` is how many users the connections hold: on SQLite a
 * term that matches more than a quarter of them is counted by one scan of the covering index
 * (cheaper than looking up each match's status), a rarer one through the trigram index.
 */
export async function searchCounts(
  ctx: StoreContext,
  connectionIds: readonly string[],
  term: string,
  scope: number,
): Promise<StatusCounts> {
  type Row = { status: string; n: string | number };
  const ids = inList(connectionIds);
  if (ctx.dialect === "postgres") {
    const rows = await sql<Row>`select status, count(*) as n from users where connection_id in (${ids})
      and search_text like ${likePattern(term)} escape '\\' group by status`.execute(ctx.db);
    return statusCounts(rows.rows);
  }
  if (usesTrigrams(term)) {
    // All connections' matches (cheap: the index alone); only the choice of plan depends on it.
    const all = await sql<{ n: number }>`select count(*) as n from users_fts
      where users_fts match ${ftsPhrase(term)}`.execute(ctx.db);
    if ((all.rows[0]?.n ?? 0) * 4 <= scope) {
      const rows = await sql<Row>`select u.status, count(*) as n from users_fts
        join user_search_keys k on k.id = users_fts.rowid
        join users u on u.connection_id = k.connection_id and u.user_id = k.user_id
        where users_fts match ${ftsPhrase(term)} and k.connection_id in (${ids})
        group by u.status`.execute(ctx.db);
      return statusCounts(rows.rows);
    }
  }
  const rows = await sql<Row>`select status, count(*) as n from users where connection_id in (${ids})
    and instr(search_text, ${term}) > 0 group by status`.execute(ctx.db);
  return statusCounts(rows.rows);
}

/** Users per statement when (re)indexing: 2 parameters each, well under SQLite's limit. */
const INDEX_BATCH = 500;

/**
 * SQLite: brings the search index up to date for users just inserted or replaced (in the commit's
 * transaction). New users get a key; users already indexed have their old text removed first.
 */
export async function indexUsers(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  users: readonly { user_id: string; search_text: string }[],
): Promise<void> {
  if (ctx.dialect !== "sqlite") return;
  const list = (n: number) => placeholders("sqlite", 1, n).slice(1, -1);
  for (const batch of chunks(users, INDEX_BATCH)) {
    const added = await trx.executeQuery<{ id: number; user_id: string }>(
      CompiledQuery.raw(
        `insert into user_search_keys (connection_id, user_id) values ${placeholders("sqlite", batch.length, 2)}
         on conflict (connection_id, user_id) do nothing returning id, user_id`,
        batch.flatMap((u) => [connectionId, u.user_id]),
      ),
    );
    const ids = new Map(added.rows.map((r) => [r.user_id, r.id]));
    const known = batch.filter((u) => !ids.has(u.user_id)).map((u) => u.user_id);
    if (known.length > 0) {
      const found = await trx.executeQuery<{ id: number; user_id: string }>(
        CompiledQuery.raw(
          `select id, user_id from user_search_keys where connection_id = ? and user_id in (${list(known.length)})`,
          [connectionId, ...known],
        ),
      );
      for (const r of found.rows) ids.set(r.user_id, r.id);
      await trx.executeQuery(
        CompiledQuery.raw(
          `delete from users_fts where rowid in (${list(found.rows.length)})`,
          found.rows.map((r) => r.id),
        ),
      );
    }
    await trx.executeQuery(
      CompiledQuery.raw(
        `insert into users_fts (rowid, search_text) values ${placeholders("sqlite", batch.length, 2)}`,
        batch.flatMap((u) => [ids.get(u.user_id), u.search_text]),
      ),
    );
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
    (select id from user_search_keys where connection_id = ${connectionId})`.execute(trx);
  await sql`delete from user_search_keys where connection_id = ${connectionId}`.execute(trx);
}
