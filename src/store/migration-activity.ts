// Migration 0010_activity: sign-in activity from CloudTrail (issue 15). Kept on the rows it
// describes (a user's last sign-in, an access row's last use), so lists sort and page by it from an
// index; raw events are not kept. The diff's upserts name their columns, so a sync never resets these.
import type { Kysely, Migration } from "kysely";

export const activityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable("users")
      .addColumn("last_sign_in_at", "text", (c) => c.notNull().defaultTo(""))
      .execute();
    await db.schema
      .createIndex("users_by_last_sign_in")
      .on("users")
      .columns(["connection_id", "last_sign_in_at", "user_id"])
      .execute();
    await db.schema.alterTable("access_grants").addColumn("last_used_at", "text").execute();
    await db.schema.alterTable("access_grants").addColumn("first_seen_at", "text").execute();
    await db.schema
      .createTable("activity_state")
      .addColumn("connection_id", "text", (c) =>
        c.primaryKey().references("connections.id").onDelete("cascade"),
      )
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("cursor", "text")
      .addColumn("read_at", "text")
      .addColumn("first_read_at", "text")
      .addColumn("message", "text")
      .addColumn("stats", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    // Rows already stored keep first_seen_at null: "there at the connection's first sync".
  },
};
