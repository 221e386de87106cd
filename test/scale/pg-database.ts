// A PostgreSQL database of one test's own (created on TEST_DATABASE_URL's server, dropped at the
// end): lower-case with underscores, `scale_<what>_<random>`, so that tests running at once never
// share a queue or a table.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const PG_URL = process.env["TEST_DATABASE_URL"];

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(base: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates `scale_<what>_<hex>`; `what` is lower-case letters and underscores. */
export async function createTestDatabase(what: string): Promise<TestDatabase> {
  if (PG_URL === undefined) throw new Error("TEST_DATABASE_URL is not set");
  if (!/^[a-z_]+$/.test(what)) throw new Error(`database label ${what} must be lower-case with underscores`);
  const base = PG_URL;
  const name = `scale_${what}_${randomBytes(4).toString("hex")}`;
  await admin(base, (c) => c.query(`create database "${name}"`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () =>
      admin(base, async (c) => {
        await c.query(`drop database if exists "${name}" with (force)`);
      }),
  };
}
