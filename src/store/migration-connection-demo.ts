// Migration 0005_connection_demo: the built-in demo's connection is marked as such when `start`
// creates it, instead of being recognised by its name and a loopback endpoint. Connections an
// earlier version created for the demo (that name, a sandbox on 127.0.0.1) are marked once here.
import { sql, type Kysely, type Migration } from "kysely";

/** The name earlier versions gave the demo connection (src/demo.ts's DEMO_CONNECTION_NAME then). */
const LEGACY_DEMO_NAME = "AWS Identity Center (demo)";

export const connectionDemoMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("connections")
      .addColumn("demo", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update connections set demo = 1
      where name = ${LEGACY_DEMO_NAME} and endpoint_url like ${"http://127.0.0.1:%"}`.execute(db);
  },
};
