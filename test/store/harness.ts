// Runs the store conformance suite against both dialects: SQLite always, PostgreSQL when
// TEST_DATABASE_URL is set (CI: postgres://postgres@127.0.0.1:5432/test), else shown as skipped.
// Each suite gets its own SQLite file or PostgreSQL schema, dropped afterwards.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, describe } from "vitest";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore, type OpenStoreOptions } from "../../src/store/open-store.js";

const PG_URL = process.env["TEST_DATABASE_URL"];

export interface OpenOptions extends Pick<OpenStoreOptions, "now" | "hooks"> {
  /** Another database of this suite, by a name of [a-z]+ (default: the suite's main one). */
  database?: string;
}

export interface Harness {
  dialect: "sqlite" | "postgres";
  /** Opens a store on this suite's database (call again for a second "process" on the same data). */
  open(options?: OpenOptions): Promise<KyselyStore>;
  /** A bare Kysely handle on one of the suite's databases, not migrated (the caller destroys it). */
  raw(database: string): Promise<Kysely<unknown>>;
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(private t = Date.parse("2026-11-30T12:00:00.000Z")) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export function describeEachDialect(name: string, body: (h: Harness) => void): void {
  describe(`${name} [sqlite]`, () => {
    const dir = mkdtempSync(join(tmpdir(), "idc-sync-store-"));
    const stores: KyselyStore[] = [];
    afterAll(async () => {
      for (const s of stores) await s.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const file = (database = "test") => join(dir, `${database}.db`);
    body({
      dialect: "sqlite",
      async open({ database, ...options } = {}) {
        const store = await openStore({ ...options, sqliteFile: file(database) });
        stores.push(store);
        return store;
      },
      raw(database) {
        const db = new Kysely<unknown>({
          dialect: new SqliteDialect({ database: new Database(file(database)) }),
        });
        return Promise.resolve(db);
      },
    });
  });

  describe.skipIf(PG_URL === undefined)(`${name} [postgres]`, () => {
    const main = `test_${randomBytes(6).toString("hex")}`;
    const schemas = new Set([main]);
    const schemaOf = (database?: string) => {
      const schema = database === undefined ? main : `${main}_${database}`;
      schemas.add(schema);
      return schema;
    };
    const stores: KyselyStore[] = [];
    afterAll(async () => {
      for (const s of stores) await s.close();
      if (PG_URL === undefined) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      try {
        for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    });
    body({
      dialect: "postgres",
      async open({ database, ...options } = {}) {
        const schema = schemaOf(database);
        const store = await openStore({ ...options, databaseUrl: PG_URL, schema, maxConnections: 4 });
        stores.push(store);
        return store;
      },
      async raw(database) {
        const schema = schemaOf(database);
        const pool = new pg.Pool({ connectionString: PG_URL, max: 1, options: `-c search_path=${schema}` });
        const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
        await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
        return db;
      },
    });
  });
}
