// User search on SQLite (see user-search.ts): terms of 3+ characters through the FTS5 trigram
// index users_fts, whose rowids are user_search.id; shorter terms with instr() over user_search
// (a narrow table: id, key, status, text). The commit keeps both current (index).
import { CompiledQuery, sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";
import { chunks } from "./batch.js";
import { tupleList, type UserSearchDialect } from "./dialect.js";
import { inList } from "./user-search.js";
import { statusCounts } from "./user-counts.js";

/** FTS5 trigrams cover terms of at least three characters (code points). */
function usesTrigrams(term: string): boolean {
  return [...term].length >= 3;
}

/** The term as one FTS5 phrase: its trigrams in a row, which is exactly a substring match. */
function ftsPhrase(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** The matching rows of user_search (aliased s) of these connections. */
function matchingRows(connectionIds: readonly string[], term: string): RawBuilder<unknown> {
  return usesTrigrams(term)
    ? sql`users_fts join user_search s on s.id = users_fts.rowid
        where users_fts match ${ftsPhrase(term)} and s.connection_id in (${inList(connectionIds)})`
    : sql`user_search s
        where s.connection_id in (${inList(connectionIds)}) and instr(s.search_text, ${term}) > 0`;
}

/** Users per statement when (re)indexing: 4 parameters each, well under SQLite's limit. */
const INDEX_BATCH = 500;

const tuples = (rows: number, width: number) => tupleList(rows, width, 0, () => "?");
const list = (n: number) => tuples(1, n).slice(1, -1);

export const sqliteUserSearch: UserSearchDialect = {
  condition(connectionIds, term) {
    return connectionIds.length === 1
      ? sql<SqlBool>`user_id in (select s.user_id from ${matchingRows(connectionIds, term)})`
      : sql<SqlBool>`(connection_id, user_id) in (select s.connection_id, s.user_id from ${matchingRows(connectionIds, term)})`;
  },

  async counts(db, connectionIds, term) {
    const rows = await sql<{ status: string; n: string | number }>`select s.status, count(*) as n
      from ${matchingRows(connectionIds, term)} group by s.status`.execute(db);
    return statusCounts(rows.rows);
  },

  /** Only new users and users whose search text changed touch the FTS index. */
  async index(trx, connectionId, users) {
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
           values ${tuples(batch.length, 4)}
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
            `insert into users_fts (rowid, search_text) values ${tuples(changed.length, 2)}`,
            changed.flatMap((u) => [ids.get(u.user_id), u.search_text]),
          ),
        );
      }
    }
  },

  async unindex(trx, connectionId) {
    await sql`delete from users_fts where rowid in
      (select id from user_search where connection_id = ${connectionId})`.execute(trx);
    await sql`delete from user_search where connection_id = ${connectionId}`.execute(trx);
  },

  // The FTS index answers the matches; the page is read in index order as usual.
  materializeMatches: false,
};
