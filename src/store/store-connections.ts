// Connections: each read and write is scoped by organization id.
import type { Selectable } from "kysely";
import type { Connection, ConnectionPatch, ConnectionState, NewConnection } from "../domain/connection.js";
import { DEFAULT_SCHEDULE_MINUTES, defaultConnectionName } from "../domain/connection.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { ConnectionValues, SyncWarning } from "../domain/model.js";
import type { SyncRunState } from "../domain/sync-run.js";
import type { Executor, StoreContext } from "./context.js";
import { newId, nowIso, writeTransaction } from "./context.js";
import { isUniqueViolation, toNumber } from "./dialect.js";
import { parseJson } from "./rows.js";
import type { ConnectionsTable } from "./schema.js";
import type { ConnectionCounts } from "./store.js";
import { getOrganization } from "./store-tenancy.js";
import { storedCounts } from "./user-counts.js";

/** Matches the API's limits (5 minutes to 7 days). */
export const MIN_SCHEDULE_MINUTES = 5;
export const MAX_SCHEDULE_MINUTES = 10_080;

export function connection(row: Selectable<ConnectionsTable>): Connection {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    values: {
      roleArn: row.role_arn,
      region: row.region,
      identityStoreId: row.identity_store_id,
      instanceArn: row.instance_arn,
    },
    endpointUrl: row.endpoint_url,
    demo: row.demo === 1,
    scheduleMinutes: row.schedule_minutes,
    state: row.state as ConnectionState,
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, message: row.last_error_message ?? "", action: row.last_error_action },
    lastSyncedAt: row.last_synced_at,
    lastWarnings: parseJson<SyncWarning[]>(row.last_warnings, []),
    lastRunId: row.last_run_id,
    lastRunState: row.last_run_state as SyncRunState | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkValues(values: ConnectionValues): ConnectionValues {
  const out = { ...values };
  for (const field of ["roleArn", "region", "identityStoreId", "instanceArn"] as const) {
    const value = (values[field] ?? "").trim();
    if (value.length === 0)
      throw new ValidationError(field, `${field} is required; copy it from the AWS console`);
    out[field] = value;
  }
  return out;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new ValidationError("name", "name must be 1 to 200 characters");
  }
  return trimmed;
}

function checkSchedule(minutes: number): number {
  if (!Number.isInteger(minutes) || minutes < MIN_SCHEDULE_MINUTES || minutes > MAX_SCHEDULE_MINUTES) {
    throw new ValidationError(
      "scheduleMinutes",
      `scheduleMinutes must be a whole number from ${MIN_SCHEDULE_MINUTES} to ${MAX_SCHEDULE_MINUTES} (7 days); got ${minutes}`,
    );
  }
  return minutes;
}

async function duplicateInstance(
  ctx: StoreContext,
  orgId: string,
  instanceArn: string,
): Promise<ConflictError> {
  const other = await ctx.db
    .selectFrom("connections")
    .select(["id", "name"])
    .where("organization_id", "=", orgId)
    .where("instance_arn", "=", instanceArn)
    .executeTakeFirst();
  const which = other === undefined ? "" : ` (connection "${other.name}", ${other.id})`;
  return new ConflictError(
    `this organization already has a connection to the Identity Center instance ${instanceArn}${which}; ` +
      "edit or delete that connection instead of connecting the instance twice",
  );
}

export async function createConnection(
  ctx: StoreContext,
  orgId: string,
  input: NewConnection,
): Promise<Connection> {
  await getOrganization(ctx, orgId);
  const values = checkValues(input.values);
  const at = nowIso(ctx);
  const row: Selectable<ConnectionsTable> = {
    id: newId(),
    organization_id: orgId,
    name: checkName(input.name ?? defaultConnectionName(values)),
    role_arn: values.roleArn,
    region: values.region,
    identity_store_id: values.identityStoreId,
    instance_arn: values.instanceArn,
    endpoint_url: input.endpointUrl ?? null,
    demo: input.demo === true ? 1 : 0,
    schedule_minutes: checkSchedule(input.scheduleMinutes ?? DEFAULT_SCHEDULE_MINUTES),
    state: "pending",
    last_error_code: null,
    last_error_message: null,
    last_error_action: null,
    last_synced_at: null,
    last_warnings: "[]",
    last_run_id: null,
    last_run_state: null,
    created_at: at,
    updated_at: at,
    user_count_enabled: 0,
    user_count_disabled: 0,
    user_count_deleted: 0,
  };
  try {
    await ctx.db.insertInto("connections").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicateInstance(ctx, orgId, values.instanceArn);
    throw err;
  }
  return connection(row);
}

export async function connectionRow(
  db: Executor,
  orgId: string,
  connectionId: string,
): Promise<Selectable<ConnectionsTable>> {
  const row = await db
    .selectFrom("connections")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", connectionId)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`connection ${connectionId} not found in this organization`);
  return row;
}

export async function getConnection(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<Connection> {
  return connection(await connectionRow(ctx.db, orgId, connectionId));
}

export async function listConnections(ctx: StoreContext, orgId?: string): Promise<Connection[]> {
  let query = ctx.db.selectFrom("connections").selectAll();
  if (orgId !== undefined) query = query.where("organization_id", "=", orgId);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(connection);
}

export async function updateConnection(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  patch: ConnectionPatch,
): Promise<Connection> {
  const current = connection(await connectionRow(ctx.db, orgId, connectionId));
  const values = checkValues({ ...current.values, ...stripUndefined(patch.values ?? {}) });
  const update = {
    name: patch.name === undefined ? current.name : checkName(patch.name),
    role_arn: values.roleArn,
    region: values.region,
    identity_store_id: values.identityStoreId,
    instance_arn: values.instanceArn,
    endpoint_url: patch.endpointUrl === undefined ? current.endpointUrl : patch.endpointUrl,
    schedule_minutes:
      patch.scheduleMinutes === undefined ? current.scheduleMinutes : checkSchedule(patch.scheduleMinutes),
    updated_at: nowIso(ctx),
  };
  try {
    await ctx.db
      .updateTable("connections")
      .set(update)
      .where("organization_id", "=", orgId)
      .where("id", "=", connectionId)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicateInstance(ctx, orgId, values.instanceArn);
    throw err;
  }
  return getConnection(ctx, orgId, connectionId);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export async function deleteConnection(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<void> {
  await connectionRow(ctx.db, orgId, connectionId);
  await writeTransaction(ctx, async (trx) => {
    await ctx.dialect.userSearch.unindex(trx, connectionId);
    // Foreign keys cascade to runs, changes and every state table.
    await trx
      .deleteFrom("connections")
      .where("organization_id", "=", orgId)
      .where("id", "=", connectionId)
      .execute();
  });
}

export async function getConnectionCounts(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<ConnectionCounts> {
  const row = await connectionRow(ctx.db, orgId, connectionId);
  const count = async (table: "groups" | "accounts" | "permission_sets" | "assignments") => {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("connection_id", "=", connectionId)
      .executeTakeFirst();
    return toNumber(row?.n);
  };
  const users = storedCounts([row]);
  return {
    users: users.ENABLED + users.DISABLED,
    enabledUsers: users.ENABLED,
    disabledUsers: users.DISABLED,
    deletedUsers: users.DELETED,
    groups: await count("groups"),
    accounts: await count("accounts"),
    permissionSets: await count("permission_sets"),
    assignments: await count("assignments"),
  };
}
