// A sync killed at random points, on PostgreSQL when TEST_DATABASE_URL is set (skipped otherwise):
// see cli-sync-killed-suite.ts. The child finds its schema through the URL's search_path option.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { describeKilledSyncs } from "./cli-sync-killed-suite.js";

const PG_URL = process.env["TEST_DATABASE_URL"];

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describeKilledSyncs(
  "postgres",
  8,
  PG_URL === undefined
    ? undefined
    : async () => {
        const schema = `cli_killed_${randomBytes(5).toString("hex")}`;
        await sql(PG_URL, `create schema "${schema}"`);
        const url = new URL(PG_URL);
        url.searchParams.set("options", `-c search_path=${schema}`);
        return {
          env: { DATABASE_URL: url.toString() },
          storeOptions: { databaseUrl: PG_URL, schema },
          cleanup: () => sql(PG_URL, `drop schema if exists "${schema}" cascade`),
        };
      },
);
