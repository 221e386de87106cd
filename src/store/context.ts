// What every part of the Kysely store shares: the database handle, its dialect, the clock, hooks.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Kysely, Transaction } from "kysely";
import type { DialectName } from "./dialect.js";
import { isSqliteBusy, SQLITE_BUSY_TIMEOUT_MS } from "./dialect.js";
import type { Database } from "./schema.js";
import type { StoreHooks } from "./store.js";

export interface StoreContext {
  db: Kysely<Database>;
  dialect: DialectName;
  now: () => Date;
  hooks: StoreHooks;
}

export type Executor = Kysely<Database> | Transaction<Database>;

export function nowIso(ctx: StoreContext): string {
  return ctx.now().toISOString();
}

/** Our own row ids (organizations, tokens, connections, runs): random UUIDs. */
export function newId(): string {
  return randomUUID();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE, waiting for another writer asynchronously: better-sqlite3's own busy wait
 * blocks the event loop, which would stall this process (and, with two stores in one process,
 * deadlock them) while another transaction holds the write lock.
 */
async function beginImmediate(conn: Kysely<Database>): Promise<void> {
  const deadline = Date.now() + SQLITE_BUSY_TIMEOUT_MS;
  for (let delay = 2; ; delay = Math.min(delay * 2, 100)) {
    await sql.raw("pragma busy_timeout = 0").execute(conn);
    try {
      await sql`begin immediate`.execute(conn);
      return;
    } catch (err) {
      if (!isSqliteBusy(err) || Date.now() > deadline) throw err;
    } finally {
      await sql.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).execute(conn);
    }
    await sleep(delay);
  }
}

/**
 * A transaction that writes. On SQLite it starts with BEGIN IMMEDIATE so that it takes the write
 * lock at once (waiting up to the busy timeout) rather than failing with SQLITE_BUSY when a read
 * inside it is later upgraded to a write while another process writes.
 */
export async function writeTransaction<T>(ctx: StoreContext, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (ctx.dialect === "postgres") return ctx.db.transaction().execute(fn);
  return ctx.db.connection().execute(async (conn) => {
    await beginImmediate(conn);
    try {
      const result = await fn(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      // SQLite may already have rolled back by itself (e.g. disk full): the first error is the one to report.
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}
