// Sign-in activity in the store: written by a sync's commit onto the rows it describes (users'
// last_sign_in_at, access rows' last_used_at) plus one state row per connection (cursor, state,
// when read); read back for the findings, the lists and the usage summary. Raw events are not kept.
import { CompiledQuery } from "kysely";
import {
  ACTIVITY_HORIZON_DAYS,
  DAY_MS,
  accessKey,
  type ActivityCursor,
  type ActivityRead,
  type ActivityReadStats,
  type ActivityState,
  type StoredActivityFacts,
  type StoredActivityState,
  type UsageSummary,
} from "../domain/activity.js";
import type { Executor, StoreContext } from "./context.js";
import { batchRows } from "./dialect.js";
import { connectionRow } from "./store-connections.js";

type Db = StoreContext["db"] | Executor;

function parse<T>(text: string | null): T | null {
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export async function getActivityState(db: Db, connectionId: string): Promise<StoredActivityState> {
  const row = await db
    .selectFrom("activity_state")
    .selectAll()
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  if (row === undefined)
    return { state: "never_read", cursor: null, readAt: null, firstReadAt: null, message: null, stats: null };
  return {
    state: row.state as ActivityState,
    cursor: parse<ActivityCursor>(row.cursor),
    readAt: row.read_at,
    firstReadAt: row.first_read_at,
    message: row.message,
    stats: parse<ActivityReadStats>(row.stats),
  };
}

/**
 * "update T set col = v.columnN from (values ...) as v where ...": the same text in SQLite and
 * PostgreSQL (both name a VALUES list's columns column1, column2, ...), one batch at a time. A
 * value only ever moves later: a late-delivered older event never overwrites a newer one.
 */
async function updateLatest(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  rows: readonly (readonly string[])[],
  sql: (values: string, connection: string) => string,
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]?.length ?? 1;
  for (let i = 0, size = batchRows(width + 1); i < rows.length; i += size) {
    const batch = rows.slice(i, i + size);
    // Typed as text, so that PostgreSQL compares them with the text columns.
    const values = ctx.dialect
      .placeholders(batch.length, width, 0)
      .replace(/\?|\$\d+/g, (p) => `cast(${p} as text)`);
    const connection = ctx.dialect.placeholders(1, 1, batch.length * width).slice(1, -1);
    await trx.executeQuery(CompiledQuery.raw(sql(values, connection), [...batch.flat(), connectionId]));
  }
}

/** A sync's activity read, in its commit's transaction. */
export async function writeActivity(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  at: string,
  activity: ActivityRead,
): Promise<void> {
  const before = await getActivityState(trx, connectionId);
  if (activity.status === "read") {
    await updateLatest(
      ctx,
      trx,
      connectionId,
      activity.signIns.map((s) => [s.userId, s.at]),
      (values, c) =>
        `update "users" set "last_sign_in_at" = v.column2 from (values ${values}) as v ` +
        `where "users"."connection_id" = ${c} and "users"."user_id" = v.column1 and v.column2 > "users"."last_sign_in_at"`,
    );
    await updateLatest(
      ctx,
      trx,
      connectionId,
      activity.uses.map((u) => [u.userId, u.accountId, u.permissionSetArn, u.at]),
      (values, c) =>
        `update "access_grants" set "last_used_at" = v.column4 from (values ${values}) as v ` +
        `where "access_grants"."connection_id" = ${c} and "access_grants"."user_id" = v.column1 ` +
        `and "access_grants"."account_id" = v.column2 and "access_grants"."permission_set_arn" = v.column3 ` +
        `and ("access_grants"."last_used_at" is null or v.column4 > "access_grants"."last_used_at")`,
    );
  }
  const row =
    activity.status === "read"
      ? {
          state: "available",
          cursor: JSON.stringify(activity.cursor ?? before.cursor),
          read_at: at,
          first_read_at: before.firstReadAt ?? at,
          message: null,
          stats: JSON.stringify(activity.stats),
        }
      : {
          // A passing failure keeps what is known; a denial makes it unknown until granted again.
          state: activity.status === "failed" && before.state === "available" ? "available" : activity.status,
          cursor: before.cursor === null ? null : JSON.stringify(before.cursor),
          read_at: before.readAt,
          first_read_at: before.firstReadAt,
          message: activity.message,
          stats: before.stats === null ? null : JSON.stringify(before.stats),
        };
  await trx
    .insertInto("activity_state")
    .values({ connection_id: connectionId, ...row, updated_at: at })
    .onConflict((oc) => oc.column("connection_id").doUpdateSet({ ...row, updated_at: at }))
    .execute();
}

/** What the findings need: stored latest times, and the access rows granted after `grantedAfter`. */
export async function loadActivityFacts(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  grantedAfter: string,
): Promise<StoredActivityFacts> {
  await connectionRow(ctx.db, orgId, connectionId);
  const users = await ctx.db
    .selectFrom("users")
    .select(["user_id", "last_sign_in_at"])
    .where("connection_id", "=", connectionId)
    .where("last_sign_in_at", "!=", "")
    .execute();
  const used = await ctx.db
    .selectFrom("access_grants")
    .select(["user_id", "account_id", "permission_set_arn", "last_used_at"])
    .where("connection_id", "=", connectionId)
    .where("last_used_at", "is not", null)
    .execute();
  const recent = await ctx.db
    .selectFrom("access_grants")
    .select(["user_id", "account_id", "permission_set_arn"])
    .where("connection_id", "=", connectionId)
    .where("first_seen_at", ">", grantedAfter)
    .execute();
  return {
    lastSignInAt: new Map(users.map((u) => [u.user_id, u.last_sign_in_at])),
    lastUsedAt: new Map(
      used.map((a) => [accessKey(a.user_id, a.account_id, a.permission_set_arn), a.last_used_at ?? ""]),
    ),
    recentGrants: new Set(recent.map((a) => accessKey(a.user_id, a.account_id, a.permission_set_arn))),
  };
}

/** Per connection: who was active in the last 30 and 90 days, who never, and the seats they hold. */
export async function getUsageSummary(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  now: Date,
): Promise<UsageSummary> {
  await connectionRow(ctx.db, orgId, connectionId);
  const state = await getActivityState(ctx.db, connectionId);
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS).toISOString();
  const live = ctx.db
    .selectFrom("users")
    .where("connection_id", "=", connectionId)
    .where("status", "!=", "DELETED");
  const count = async (q: typeof live) =>
    Number((await q.select((eb) => eb.fn.countAll<string | number>().as("n")).executeTakeFirst())?.n ?? 0);
  const horizon = since(ACTIVITY_HORIZON_DAYS);
  const [users, active30, active90, inactiveSeats, inactiveUsersWithAccess] = await Promise.all([
    count(live),
    count(live.where("last_sign_in_at", ">=", since(30))),
    count(live.where("last_sign_in_at", ">=", horizon)),
    ctx.db
      .selectFrom("access_grants as a")
      .innerJoin("users as u", (j) =>
        j.onRef("u.connection_id", "=", "a.connection_id").onRef("u.user_id", "=", "a.user_id"),
      )
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("a.connection_id", "=", connectionId)
      .where("u.status", "=", "ENABLED")
      .where("u.last_sign_in_at", "<", horizon)
      .executeTakeFirst(),
    ctx.db
      .selectFrom("users as u")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("u.connection_id", "=", connectionId)
      .where("u.status", "=", "ENABLED")
      .where("u.last_sign_in_at", "<", horizon)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("access_grants as a")
            .select("a.user_id")
            .whereRef("a.connection_id", "=", "u.connection_id")
            .whereRef("a.user_id", "=", "u.user_id"),
        ),
      )
      .executeTakeFirst(),
  ]);
  const available = state.state === "available";
  return {
    state: state.state,
    readAt: state.readAt,
    message: state.message,
    horizonDays: ACTIVITY_HORIZON_DAYS,
    users,
    activeLast30Days: available ? active30 : null,
    activeLast90Days: available ? active90 : null,
    neverSeen: available ? users - active90 : null,
    inactiveUsersWithAccess: available ? Number(inactiveUsersWithAccess?.n ?? 0) : null,
    seatsHeldByInactive: available ? Number(inactiveSeats?.n ?? 0) : null,
  };
}
