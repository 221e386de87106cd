// API suites that involve storage run on both databases: SQLite always, PostgreSQL when
// TEST_DATABASE_URL is set (CI), each in a schema of its own dropped on close.
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { AppOptions } from "../../src/app.js";
import type { HttpLoggerOptions } from "../../src/http/server.js";
import type { GenerateOptions } from "../../src/sandbox/index.js";
import { openStore } from "../../src/store/open-store.js";
import { startWorld, type World } from "./harness.js";

export const PG_URL = process.env["TEST_DATABASE_URL"];
export type Dialect = "sqlite" | "postgres";
export const DIALECTS: Dialect[] = PG_URL === undefined ? ["sqlite"] : ["sqlite", "postgres"];

/** startWorld on the given database. */
export async function startDialectWorld(
  dialect: Dialect,
  generate?: GenerateOptions,
  env: Record<string, string> = { IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*" },
  logger: HttpLoggerOptions | false = false,
  appOptions: Pick<AppOptions, "authLimits"> = {},
): Promise<World> {
  if (dialect === "sqlite" || PG_URL === undefined)
    return startWorld(generate, logger, env, undefined, appOptions);
  const url = PG_URL;
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const world = await startWorld(
    generate,
    logger,
    env,
    (now) => openStore({ databaseUrl: url, schema, now, maxConnections: 4 }),
    appOptions,
  );
  const close = world.close.bind(world);
  world.close = async () => {
    await close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  };
  return world;
}
