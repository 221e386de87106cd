// Schema migrations, in code, applied at open by Kysely's Migrator. Never edit an applied
// migration: add a new one. docs/tables.md describes the resulting tables.
import { auditMigration } from "./migration-audit.js";
import { securityMigration } from "./migration-security.js";
import { Migrator, sql } from "kysely";
import type { Kysely, Migration, MigrationProvider } from "kysely";
import type { DialectName } from "./dialect.js";
import { storeDialect } from "./dialects.js";
import { FatalError } from "../domain/errors.js";
import { connectionDemoMigration } from "./migration-connection-demo.js";
import { findingsMigration } from "./migration-findings.js";
import { foldedNamesMigration } from "./migration-folded-names.js";
import { userSearchMigration } from "./migration-user-search.js";
import { runControlMigration } from "./migration-run-control.js";
import { activityMigration, activityTurnsMigration } from "./migration-activity.js";
import { notificationsMigration } from "./migration-notifications.js";

function initial(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("organizations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("external_id", "text", (c) => c.notNull().unique())
        .addColumn("is_default", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("organizations_one_default")
        .on("organizations")
        .column("is_default")
        .unique()
        .where(sql.ref("is_default"), "=", 1)
        .execute();

      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) =>
          c.notNull().references("organizations.id").onDelete("cascade"),
        )
        .addColumn("label", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("api_tokens_org").on("api_tokens").column("organization_id").execute();

      await db.schema
        .createTable("connections")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role_arn", "text", (c) => c.notNull())
        .addColumn("region", "text", (c) => c.notNull())
        .addColumn("identity_store_id", "text", (c) => c.notNull())
        .addColumn("instance_arn", "text", (c) => c.notNull())
        .addColumn("endpoint_url", "text")
        .addColumn("schedule_minutes", "integer", (c) => c.notNull())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("last_error_code", "text")
        .addColumn("last_error_message", "text")
        .addColumn("last_error_action", "text")
        .addColumn("last_synced_at", "text")
        .addColumn("last_warnings", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("last_run_id", "text")
        .addColumn("last_run_state", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .addUniqueConstraint("connections_one_instance_per_org", ["organization_id", "instance_arn"])
        .execute();

      await db.schema
        .createTable("sync_runs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("organization_id", "text", (c) => c.notNull())
        .addColumn("connection_id", "text", (c) =>
          c.notNull().references("connections.id").onDelete("cascade"),
        )
        .addColumn("started_at", "text", (c) => c.notNull())
        .addColumn("finished_at", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("forced", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("lease_expires_at", "text")
        .addColumn("user_count", "integer")
        .addColumn("group_count", "integer")
        .addColumn("membership_count", "integer")
        .addColumn("account_count", "integer")
        .addColumn("permission_set_count", "integer")
        .addColumn("assignment_count", "integer")
        .addColumn("access_count", "integer")
        .addColumn("orphaned_assignment_count", "integer")
        .addColumn("users_deleted", "integer")
        .addColumn("change_count", "integer")
        .addColumn("api_calls", "text", (c) => c.notNull().defaultTo("{}"))
        .addColumn("retries", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("throttles", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("warnings", "text", (c) => c.notNull().defaultTo("[]"))
        .addColumn("error_code", "text")
        .addColumn("error_message", "text")
        .addColumn("error_action", "text")
        .execute();
      // The database itself refuses a second running run of one connection, across processes.
      await db.schema
        .createIndex("sync_runs_one_running")
        .on("sync_runs")
        .column("connection_id")
        .unique()
        .where(sql.ref("state"), "=", "running")
        .execute();
      await db.schema
        .createIndex("sync_runs_by_connection")
        .on("sync_runs")
        .columns(["connection_id", "started_at", "id"])
        .execute();

      await createEntityTables(db, dialect);
      await createChanges(db, dialect);
    },
  };
}

async function createEntityTables(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const cascade = "connections.id";
  await db.schema
    .createTable("users")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("given_name", "text")
    .addColumn("family_name", "text")
    .addColumn("emails", "text", (c) => c.notNull())
    .addColumn("primary_email", "text")
    .addColumn("external_ids", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("first_seen_at", "text", (c) => c.notNull())
    .addColumn("deleted_at", "text")
    .addColumn("display_name_sort", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("users_pk", ["connection_id", "user_id"])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();
  // Keyset paging by name or first-seen time, optionally within one status.
  await db.schema
    .createIndex("users_by_name")
    .on("users")
    .columns(["connection_id", "user_name", "user_id"])
    .execute();
  await db.schema
    .createIndex("users_by_status_name")
    .on("users")
    .columns(["connection_id", "status", "user_name", "user_id"])
    .execute();
  await db.schema
    .createIndex("users_by_display_name")
    .on("users")
    .columns(["connection_id", "display_name_sort", "user_id"])
    .execute();
  await db.schema
    .createIndex("users_by_first_seen")
    .on("users")
    .columns(["connection_id", "first_seen_at", "user_id"])
    .execute();

  await db.schema
    .createTable("groups")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("display_name", "text")
    .addColumn("description", "text")
    .addPrimaryKeyConstraint("groups_pk", ["connection_id", "group_id"])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();

  await db.schema
    .createTable("group_memberships")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("group_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("group_memberships_pk", ["connection_id", "group_id", "user_id"])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();
  await db.schema
    .createIndex("group_memberships_by_user")
    .on("group_memberships")
    .columns(["connection_id", "user_id"])
    .execute();

  await db.schema
    .createTable("accounts")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("email", "text")
    .addColumn("status", "text")
    .addColumn("tags", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("accounts_pk", ["connection_id", "account_id"])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();

  await db.schema
    .createTable("permission_sets")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("arn", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("session_duration", "text")
    .addColumn("relay_state", "text")
    .addColumn("managed_policies", "text", (c) => c.notNull())
    .addColumn("customer_managed_policies", "text", (c) => c.notNull())
    .addColumn("inline_policy", "text")
    .addColumn("permissions_boundary", "text")
    .addColumn("tags", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("permission_sets_pk", ["connection_id", "arn"])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();

  await db.schema
    .createTable("assignments")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("permission_set_arn", "text", (c) => c.notNull())
    .addColumn("principal_type", "text", (c) => c.notNull())
    .addColumn("principal_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("assignments_pk", [
      "connection_id",
      "account_id",
      "permission_set_arn",
      "principal_type",
      "principal_id",
    ])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();
  await db.schema
    .createIndex("assignments_by_principal")
    .on("assignments")
    .columns(["connection_id", "principal_id"])
    .execute();

  await db.schema
    .createTable("access_grants")
    .addColumn("connection_id", "text", (c) => c.notNull().references(cascade).onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("permission_set_arn", "text", (c) => c.notNull())
    .addColumn("user_name", "text", (c) => c.notNull())
    .addColumn("via", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("access_grants_pk", [
      "connection_id",
      "user_id",
      "account_id",
      "permission_set_arn",
    ])
    .modifyEnd(storeDialect(dialect).tableOptions())
    .execute();
  await db.schema
    .createIndex("access_grants_by_account")
    .on("access_grants")
    .columns(["connection_id", "account_id", "permission_set_arn", "user_name", "user_id"])
    .execute();
}

async function createChanges(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable("changes")
    .addColumn("id", storeDialect(dialect).identityColumnType(), (c) => {
      const pk = c.primaryKey();
      return storeDialect(dialect).autoIncrement ? pk.autoIncrement() : pk;
    })
    .addColumn("organization_id", "text", (c) => c.notNull())
    .addColumn("connection_id", "text", (c) => c.notNull().references("connections.id").onDelete("cascade"))
    .addColumn("sync_run_id", "text", (c) => c.notNull().references("sync_runs.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("group_id", "text")
    .addColumn("account_id", "text")
    .addColumn("permission_set_arn", "text")
    .addColumn("detail", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("changes_by_org").on("changes").columns(["organization_id", "id"]).execute();
  await db.schema
    .createIndex("changes_by_connection")
    .on("changes")
    .columns(["connection_id", "id"])
    .execute();
  await db.schema.createIndex("changes_by_time").on("changes").columns(["connection_id", "at"]).execute();
  await db.schema
    .createIndex("changes_by_user")
    .on("changes")
    .columns(["connection_id", "user_id", "id"])
    .execute();
  await db.schema
    .createIndex("changes_by_account")
    .on("changes")
    .columns(["connection_id", "account_id", "id"])
    .execute();
  await db.schema.createIndex("changes_by_run").on("changes").columns(["sync_run_id", "id"]).execute();
}

/** Permission sets' creation time (DescribePermissionSet's CreatedDate); null until the next sync. */
const permissionSetCreatedDate: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable("permission_sets").addColumn("created_date", "text").execute();
  },
};

export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve({
        "0001_initial": initial(dialect),
        "0002_user_search": userSearchMigration(dialect),
        "0003_permission_set_created_date": permissionSetCreatedDate,
        "0004_findings": findingsMigration(),
        "0005_connection_demo": connectionDemoMigration,
        "0006_folded_names": foldedNamesMigration(dialect),
        "0007_security": securityMigration,
        "0007_security_audit": auditMigration,
        "0008_run_control": runControlMigration,
        "0009_notifications": notificationsMigration(dialect),
        "0010_activity": activityMigration,
        "0011_activity_turns": activityTurnsMigration,
      }),
  };
}

/**
 * The migrator of this database. On PostgreSQL its bookkeeping tables are named in the current
 * schema: Kysely otherwise takes another schema's kysely_migration (several installs or test runs
 * in one database) for this one's and fails.
 */
export async function createMigrator(db: Kysely<unknown>, dialect: DialectName): Promise<Migrator> {
  const provider = migrationProvider(dialect);
  // Migration numbers are assigned per team (0007 security, 0008 scale, ...) and land in any
  // order: a database that already ran 0008_* must still take a 0007_* that landed after it.
  const allowUnorderedMigrations = true;
  if (dialect !== "postgres") return new Migrator({ db, provider, allowUnorderedMigrations });
  const current = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = current.rows[0]?.schema ?? null;
  return new Migrator({
    db,
    provider,
    allowUnorderedMigrations,
    ...(schema === null ? {} : { migrationTableSchema: schema }),
  });
}

/** Brings the schema up to date; safe to run again and from several processes at once. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const migrator = await createMigrator(db, dialect);
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    const reason = error instanceof Error ? error.message : "unknown error";
    throw new FatalError(`database migration ${failed} failed: ${reason}`, { cause: error });
  }
}
