// Migration 0009_notifications (issue 16): subscriptions and their outbox. A sync's commit writes
// one delivery row per matching subscription in its own transaction; the deliverer sends them and
// keeps each row's status, attempts and last answer (the delivery log).
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "./dialect.js";
import { storeDialect } from "./dialects.js";

export function notificationsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("notification_subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) =>
          c.notNull().references("organizations.id").onDelete("cascade"),
        )
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("url", "text", (c) => c.notNull())
        // Our own signing secret (not a customer's credential): kept as is so we can sign with it.
        .addColumn("secret", "text", (c) => c.notNull())
        .addColumn("filter", "text", (c) => c.notNull())
        .addColumn("enabled", "integer", (c) => c.notNull())
        .addColumn("disabled_reason", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("secret_rotated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("notification_subscriptions_by_org")
        .on("notification_subscriptions")
        .columns(["organization_id", "created_at"])
        .execute();

      const d = storeDialect(dialect);
      await db.schema
        .createTable("notification_deliveries")
        // Commit order: the deliverer sends a subscription's events in this order.
        .addColumn("seq", d.identityColumnType(), (c) => {
          const pk = c.primaryKey();
          return d.autoIncrement ? pk.autoIncrement() : pk;
        })
        .addColumn("id", "text", (c) => c.notNull().unique())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("subscription_id", "text", (c) =>
          c.notNull().references("notification_subscriptions.id").onDelete("cascade"),
        )
        .addColumn("type", "text", (c) => c.notNull())
        // No foreign keys: the log outlives a deleted connection or run.
        .addColumn("connection_id", "text")
        .addColumn("sync_run_id", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("retry_until", "text", (c) => c.notNull())
        .addColumn("next_attempt_at", "text")
        .addColumn("lease_until", "text")
        .addColumn("last_attempt_at", "text")
        .addColumn("last_status_code", "integer")
        .addColumn("last_error", "text")
        .addColumn("delivered_at", "text")
        .execute();
      await db.schema
        .createIndex("notification_deliveries_by_subscription")
        .on("notification_deliveries")
        .columns(["subscription_id", "seq"])
        .execute();
      await db.schema
        .createIndex("notification_deliveries_pending")
        .on("notification_deliveries")
        .columns(["status", "subscription_id", "seq"])
        .execute();
    },
  };
}
