// User search (ListUsersOptions.search): a case- and accent-insensitive substring of the user name,
// display name, given or family name or an email, i.e. of users.search_text, which holds them
// folded (domain/fold.ts: "zoe" finds "Zoë").
// The same answer in both databases, found differently:
// - SQLite: terms of 3+ characters through the FTS5 trigram index users_fts, whose rowids are
//   user_search.id, shorter terms with instr() over user_search (a narrow table: id, key, status,
//   text); the commit keeps both current (indexUsers);
// - PostgreSQL: LIKE, which the pg_trgm GIN index serves where the extension could be installed.
// Each is a UserSearchDialect (dialect.ts): postgresUserSearch here, sqliteUserSearch in
// user-search-sqlite.ts.
import { sql } from "kysely";
import type { SqlBool } from "kysely";
import { foldText } from "../domain/fold.js";
import type { UserSearchDialect } from "./dialect.js";
import { statusCounts } from "./user-counts.js";

/** The term as matched (trimmed, folded like search_text); null when there is none. */
export function searchTerm(search: string | undefined): string | null {
  const term = foldText((search ?? "").trim());
  return term === "" ? null : term;
}

export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const inList = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

export const postgresUserSearch: UserSearchDialect = {
  condition: (_connectionIds, term) =>
    sql<SqlBool>`${sql.ref("search_text")} like ${likePattern(term)} escape '\\'`,
  async counts(db, connectionIds, term) {
    const rows = await sql<{ status: string; n: string | number }>`select status, count(*) as n from users
      where connection_id in (${inList(connectionIds)})
      and search_text like ${likePattern(term)} escape '\\' group by status`.execute(db);
    return statusCounts(rows.rows);
  },
  // search_text lives on users itself: nothing else to keep current.
  index: () => Promise.resolve(),
  unindex: () => Promise.resolve(),
  // The planner otherwise walks the name index and filters, reading most users for a rare term.
  materializeMatches: true,
};
