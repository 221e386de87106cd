// What every part of the Kysely store shares: the database handle, its dialect, the clock, hooks.
import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { StoreDialect } from "./dialect.js";
import type { Database } from "./schema.js";
import type { StoreHooks } from "./store.js";

export interface StoreContext {
  db: Kysely<Database>;
  dialect: StoreDialect;
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

/** A transaction that writes (see StoreDialect.writeTransaction). */
export function writeTransaction<T>(ctx: StoreContext, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return ctx.dialect.writeTransaction(ctx.db, fn);
}
