// Migration 0004_findings: the findings of each connection (src/domain/findings/) and which
// connections had their findings evaluated once (the first evaluation records no history).
import type { Kysely, Migration } from "kysely";

export function findingsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("findings")
        .ifNotExists()
        .addColumn("connection_id", "text", (c) =>
          c.notNull().references("connections.id").onDelete("cascade"),
        )
        .addColumn("id", "text", (c) => c.notNull())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("severity_rank", "integer", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("subject_type", "text", (c) => c.notNull())
        .addColumn("subject_id", "text", (c) => c.notNull())
        .addColumn("subject_name", "text")
        .addColumn("sort_name", "text", (c) => c.notNull())
        .addColumn("account_id", "text")
        .addColumn("permission_set_arn", "text")
        .addColumn("user_id", "text")
        .addColumn("group_id", "text")
        .addColumn("details", "text", (c) => c.notNull())
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .addColumn("content_hash", "text", (c) => c.notNull())
        .addColumn("first_seen_at", "text", (c) => c.notNull())
        .addColumn("last_seen_at", "text", (c) => c.notNull())
        .addColumn("resolved_at", "text")
        .addColumn("accepted_by", "text")
        .addColumn("accepted_reason", "text")
        .addColumn("accepted_at", "text")
        .addPrimaryKeyConstraint("findings_pk", ["connection_id", "id"])
        .execute();
      const index = (name: string, columns: string[]) =>
        db.schema.createIndex(name).ifNotExists().on("findings").columns(columns).execute();
      // The list order (severity, rule, subject name, id), per connection and per organization.
      await index("findings_list", ["connection_id", "status", "severity_rank", "rule", "sort_name", "id"]);
      await index("findings_org_list", ["organization_id", "status", "severity_rank", "rule", "sort_name"]);
      await index("findings_by_user", ["connection_id", "user_id"]);
      await index("findings_by_account", ["connection_id", "account_id"]);
      await index("findings_by_permission_set", ["connection_id", "permission_set_arn"]);
      await db.schema
        .createTable("finding_evaluations")
        .ifNotExists()
        .addColumn("connection_id", "text", (c) =>
          c.primaryKey().references("connections.id").onDelete("cascade"),
        )
        .addColumn("evaluated_at", "text", (c) => c.notNull())
        .execute();
      // Nothing to backfill: each connection's next sync evaluates its findings as a baseline.
    },
  };
}
