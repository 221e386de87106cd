// Migration 0007_security (issue 13, M2): API tokens get a scope, last use, expiry, revocation
// and a bootstrap flag (registered from IDC_SYNC_ADMIN_TOKEN); web sessions are stored hashed
// with their idle and absolute expiry.
import { sql, type Kysely, type Migration } from "kysely";

export const securityMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // Existing tokens keep working as before: admin, no expiry.
    await db.schema
      .alterTable("api_tokens")
      .addColumn("scope", "text", (c) => c.notNull().defaultTo("admin"))
      .execute();
    await db.schema.alterTable("api_tokens").addColumn("last_used_at", "text").execute();
    await db.schema.alterTable("api_tokens").addColumn("expires_at", "text").execute();
    await db.schema.alterTable("api_tokens").addColumn("revoked_at", "text").execute();
    await db.schema
      .alterTable("api_tokens")
      .addColumn("bootstrap", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    // The label earlier versions gave the token they registered from IDC_SYNC_ADMIN_TOKEN.
    await sql`update api_tokens set bootstrap = 1 where label = 'admin (IDC_SYNC_ADMIN_TOKEN)'`.execute(db);

    await db.schema
      .createTable("web_sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("session_hash", "text", (c) => c.notNull().unique())
      .addColumn("organization_id", "text", (c) =>
        c.notNull().references("organizations.id").onDelete("cascade"),
      )
      .addColumn("token_id", "text", (c) => c.notNull().references("api_tokens.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema.createIndex("web_sessions_token").on("web_sessions").column("token_id").execute();
  },
};
