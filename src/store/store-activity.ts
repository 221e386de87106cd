// Sign-in activity in the store: written by a sync's commit onto the rows it describes (users'
// last_sign_in_at, access rows' last_used_at) plus one state row per connection (cursor, state,
// when read); read back for the findings, the lists and the usage summary. Raw events are not kept.
import { CompiledQuery } from "kysely";
import {
  ACTIVITY_EVENT_NAMES,
  ACTIVITY_HORIZON_DAYS,
  DAY_MS,
  accessKey,
  activityCoverage,
  upgradeCursor,
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
    return {
      state: "never_read",
      cursor: null,
      coverage: null,
      readAt: null,
      firstReadAt: null,
      message: null,
      stats: null,
    };
  const cursor = upgradeCursor(parse<unknown>(row.cursor), row.first_read_at, ACTIVITY_EVENT_NAMES);
  return {
    state: row.state as ActivityState,
    cursor,
    coverage: activityCoverage(cursor),
    readAt: row.read_at,
    firstReadAt: row.first_read_at,
    message: row.message,
    stats: parse<ActivityReadStats>(row.stats),
  };
}

/**
 * Takes the connection's activity lease for `holder` when no one holds it (or the holder's lease
 * ran out): one reader of a connection's CloudTrail history at a time, across processes. Creates
 * the state row if there is none.
 */
export async function claimActivity(
  db: StoreContext["db"],
  connectionId: string,
  holder: string,
  now: string,
  until: string,
): Promise<boolean> {
  await db
    .insertInto("activity_state")
    .values({ connection_id: connectionId, state: "never_read", updated_at: now })
    .onConflict((oc) => oc.column("connection_id").doNothing())
    .execute();
  const result = await db
    .updateTable("activity_state")
    .set({ lease_holder: holder, lease_until: until })
    .where("connection_id", "=", connectionId)
    .where((eb) =>
      eb.or([eb("lease_holder", "is", null), eb("lease_until", "<", now), eb("lease_holder", "=", holder)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Extends the lease; false when `holder` no longer holds it. */
export async function renewActivity(
  db: Db,
  connectionId: string,
  holder: string,
  until: string,
): Promise<boolean> {
  const result = await db
    .updateTable("activity_state")
    .set({ lease_until: until })
    .where("connection_id", "=", connectionId)
    .where("lease_holder", "=", holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseActivity(db: Db, connectionId: string, holder: string): Promise<void> {
  await db
    .updateTable("activity_state")
    .set({ lease_holder: null, lease_until: null })
    .where("connection_id", "=", connectionId)
    .where("lease_holder", "=", holder)
    .execute();
}

/** Connections with history left to read and no reader now, oldest turn first. */
export async function listPendingActivity(
  db: StoreContext["db"],
  now: string,
): Promise<{ orgId: string; connectionId: string }[]> {
  const rows = await db
    .selectFrom("activity_state as a")
    .innerJoin("connections as c", "c.id", "a.connection_id")
    .select(["c.organization_id", "a.connection_id"])
    .where("a.pending", "=", 1)
    .where("a.state", "=", "available")
    .where((eb) => eb.or([eb("a.lease_holder", "is", null), eb("a.lease_until", "<", now)]))
    .orderBy("a.updated_at")
    .execute();
  return rows.map((r) => ({ orgId: r.organization_id, connectionId: r.connection_id }));
}

/** The connection's permission sets by name (a federation names the role, so the set's name). */
export async function permissionSetNames(
  db: StoreContext["db"],
  connectionId: string,
): Promise<{ name: string; arn: string }[]> {
  const rows = await db
    .selectFrom("permission_sets")
    .select(["name", "arn"])
    .where("connection_id", "=", connectionId)
    .execute();
  return rows.map((r) => ({ name: r.name, arn: r.arn }));
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

/**
 * A read of the connection's activity (a sync's or a backfill turn's), in its transaction, by the
 * lease's holder; the lease is released. False, and nothing written, when `holder` lost the lease.
 */
export async function writeActivity(
  ctx: StoreContext,
  trx: Executor,
  connectionId: string,
  at: string,
  activity: ActivityRead,
  holder: string,
): Promise<boolean> {
  const held = await trx
    .selectFrom("activity_state")
    .select("connection_id")
    .where("connection_id", "=", connectionId)
    .where("lease_holder", "=", holder)
    .executeTakeFirst();
  if (held === undefined) return false;
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
          cursor: JSON.stringify(activity.cursor),
          read_at: at,
          first_read_at: before.firstReadAt ?? at,
          message: null,
          stats: JSON.stringify(activity.stats),
          pending: activity.stats.pending ? 1 : 0,
        }
      : {
          // A passing failure keeps what is known; a denial makes it unknown until granted again.
          state: activity.status === "failed" && before.state === "available" ? "available" : activity.status,
          message: activity.message,
          ...(activity.status === "denied" ? { pending: 0 } : {}),
        };
  await trx
    .updateTable("activity_state")
    .set({ ...row, lease_holder: null, lease_until: null, updated_at: at })
    .where("connection_id", "=", connectionId)
    .execute();
  return true;
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
  // A count is given only when what is read reaches back far enough to say it: while the 90 days
  // are being read, "not seen in 90 days" is not known yet, and 30 days may be.
  const covers = (days: number) =>
    state.state === "available" && state.coverage !== null && state.coverage.knownSince <= since(days);
  const known30 = covers(30);
  const known90 = covers(ACTIVITY_HORIZON_DAYS);
  return {
    state: state.state,
    readAt: state.readAt,
    knownSince: state.coverage?.knownSince ?? null,
    backfilled: state.coverage?.backfilled ?? false,
    message: state.message,
    horizonDays: ACTIVITY_HORIZON_DAYS,
    users,
    activeLast30Days: known30 ? active30 : null,
    activeLast90Days: known90 ? active90 : null,
    neverSeen: known90 ? users - active90 : null,
    inactiveUsersWithAccess: known90 ? Number(inactiveUsersWithAccess?.n ?? 0) : null,
    seatsHeldByInactive: known90 ? Number(inactiveSeats?.n ?? 0) : null,
  };
}
