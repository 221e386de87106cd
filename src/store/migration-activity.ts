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

// Migration 0011_activity_turns: a connection's first read of its 90 days of CloudTrail history
// takes hours at scale (2 requests a second), so it is read in turns that commit on their own,
// between and alongside the syncs. One reader at a time per connection, across processes: the
// lease below. `pending` marks connections with history left to read (a backfill or a gap).
export const activityTurnsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("activity_state").addColumn("lease_holder", "text").execute();
    await db.schema.alterTable("activity_state").addColumn("lease_until", "text").execute();
    await db.schema
      .alterTable("activity_state")
      .addColumn("pending", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex("activity_state_pending").on("activity_state").column("pending").execute();
  },
};
