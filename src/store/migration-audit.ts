// Migration 0007_security_audit (issue 13, build item 2): the audit log.
import type { Kysely, Migration } from "kysely";

export const auditMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      // No foreign key: the log outlives what it tells of (a deleted connection, an organization).
      .addColumn("organization_id", "text")
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_via", "text", (c) => c.notNull())
      .addColumn("token_id", "text")
      .addColumn("token_name", "text")
      .addColumn("session_id", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target", "text")
      .addColumn("details", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_log_by_org")
      .on("audit_log")
      .columns(["organization_id", "at", "id"])
      .execute();
  },
};
