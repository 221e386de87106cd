// The outbox (issue 16): written by the sync's commit in its own transaction, so an event exists
// exactly when its sync committed; drained by the deliverer. Design: one event per sync commit
// per matching subscription, written here, rather than one per commit fanned out later. The
// subscriptions are read inside the commit, so the set that receives a sync is the set that
// existed when it committed, each event's payload is fixed once (a redelivery sends the same
// bytes' content), and the deliverer is a plain loop over rows with no second fan-out step that
// could itself crash halfway.
import type { ExpressionBuilder, Selectable } from "kysely";
import type { Change, ChangeDraft } from "../domain/change.js";
import { connectionMatches } from "../domain/notifications/filter.js";
import { syncEvent } from "../domain/notifications/event.js";
import type {
  AttemptOutcome,
  Delivery,
  DueDelivery,
  NotificationEvent,
} from "../domain/notifications/types.js";
import { GIVE_UP_MS } from "../domain/notifications/types.js";
import type { Executor, StoreContext } from "./context.js";
import { newId, nowIso, writeTransaction } from "./context.js";
import { parseJson } from "./rows.js";
import type { Database, NotificationDeliveriesTable } from "./schema.js";
import { deliveryView, pendingRow, subscriptionFilterOf } from "./store-notifications.js";

export interface OutboxCommit {
  organizationId: string;
  connectionId: string;
  runId: string;
  at: string;
  /** The sync's changes in the order they were inserted (their ids increase in this order). */
  changes: readonly ChangeDraft[];
}

export async function writeOutbox(trx: Executor, commit: OutboxCommit): Promise<number> {
  if (commit.changes.length === 0) return 0;
  const subscriptions = (
    await trx
      .selectFrom("notification_subscriptions")
      .select(["id", "filter"])
      .where("organization_id", "=", commit.organizationId)
      .where("enabled", "=", 1)
      .orderBy("created_at")
      .orderBy("id")
      .execute()
  )
    .map((s) => ({ id: s.id, filter: subscriptionFilterOf(s.filter) }))
    .filter((s) => connectionMatches(s.filter, commit.connectionId));
  if (subscriptions.length === 0) return 0;

  // The ids the changes just got, in insertion order (one statement per batch, ids assigned in
  // row order), so each listed change reads as GET /api/changes returns it.
  const ids = await trx
    .selectFrom("changes")
    .select("id")
    .where("sync_run_id", "=", commit.runId)
    .orderBy("id")
    .execute();
  const changes = commit.changes.map((draft, i): Change => ({
    ...draft,
    id: String(ids[i]?.id ?? ""),
    at: commit.at,
    syncRunId: commit.runId,
    connectionId: commit.connectionId,
  }));
  const connection = await trx
    .selectFrom("connections")
    .select(["id", "name"])
    .where("id", "=", commit.connectionId)
    .executeTakeFirstOrThrow();
  const retryUntil = new Date(Date.parse(commit.at) + GIVE_UP_MS).toISOString();
  let written = 0;
  for (const s of subscriptions) {
    const event = syncEvent(
      {
        eventId: newId(),
        organizationId: commit.organizationId,
        connection: { id: connection.id, name: connection.name },
        syncRunId: commit.runId,
        at: commit.at,
        changes,
      },
      s.filter,
    );
    if (event === null) continue;
    await trx
      .insertInto("notification_deliveries")
      .values(pendingRow(event, s.id, commit.at, retryUntil, commit.runId))
      .execute();
    written++;
  }
  return written;
}

/** The seq of the oldest pending event of d's subscription: only it may go out (commit order). */
function headOfLine(eb: ExpressionBuilder<DeliveryScope, "d">) {
  return eb
    .selectFrom("notification_deliveries as e")
    .select((e) => e.fn.min("e.seq").as("first"))
    .whereRef("e.subscription_id", "=", "d.subscription_id")
    .where("e.status", "=", "pending");
}

type DeliveryScope = Database & { d: NotificationDeliveriesTable; s: Database["notification_subscriptions"] };

export async function claimDueDeliveries(
  ctx: StoreContext,
  limit: number,
  leaseMs: number,
): Promise<DueDelivery[]> {
  const now = nowIso(ctx);
  const heads = await ctx.db
    .selectFrom("notification_deliveries as d")
    .innerJoin("notification_subscriptions as s", "s.id", "d.subscription_id")
    .select(["d.id", "d.seq"])
    .where("d.status", "=", "pending")
    .where("s.enabled", "=", 1)
    .where((eb) => eb("d.seq", "=", headOfLine(eb)))
    .where("d.next_attempt_at", "<=", now)
    .where((eb) => eb.or([eb("d.lease_until", "is", null), eb("d.lease_until", "<=", now)]))
    .orderBy("d.seq")
    .limit(limit)
    .execute();
  const leaseUntil = new Date(ctx.now().getTime() + leaseMs).toISOString();
  const claimed: DueDelivery[] = [];
  for (const head of heads) {
    // Taken only if no other deliverer took it since the read above.
    const taken = await ctx.db
      .updateTable("notification_deliveries")
      .set({ lease_until: leaseUntil })
      .where("id", "=", head.id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<=", now)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) continue;
    const row = await ctx.db
      .selectFrom("notification_deliveries as d")
      .innerJoin("notification_subscriptions as s", "s.id", "d.subscription_id")
      .selectAll("d")
      .select(["s.url", "s.kind", "s.secret"])
      .where("d.id", "=", head.id)
      .executeTakeFirst();
    if (row === undefined) continue;
    claimed.push({
      delivery: deliveryView(row),
      event: parseJson<NotificationEvent>(row.payload, {} as NotificationEvent),
      url: row.url,
      kind: row.kind === "slack" ? "slack" : "webhook",
      secret: row.secret,
      attempt: row.attempts + 1,
      retryUntil: row.retry_until,
    });
  }
  return claimed;
}

export async function recordDeliveryAttempt(
  ctx: StoreContext,
  deliveryId: string,
  outcome: AttemptOutcome,
  nextAttemptAt: string | null,
): Promise<Delivery> {
  const now = nowIso(ctx);
  return writeTransaction(ctx, async (trx) => {
    const base = await trx
      .selectFrom("notification_deliveries")
      .selectAll()
      .where("id", "=", deliveryId)
      .executeTakeFirstOrThrow();
    const update: Partial<Selectable<NotificationDeliveriesTable>> = {
      attempts: base.attempts + 1,
      last_attempt_at: now,
      last_status_code: outcome.statusCode,
      lease_until: null,
    };
    if (outcome.result === "delivered") {
      Object.assign(update, {
        status: "delivered",
        delivered_at: now,
        last_error: null,
        next_attempt_at: null,
      });
    } else if (outcome.result === "gone") {
      Object.assign(update, {
        status: "failed",
        last_error: "410 Gone: the subscription was disabled",
        next_attempt_at: null,
      });
      await trx
        .updateTable("notification_subscriptions")
        .set({ enabled: 0, disabled_reason: `the receiver answered 410 Gone at ${now}` })
        .where("id", "=", base.subscription_id)
        .execute();
    } else if (nextAttemptAt === null) {
      Object.assign(update, { status: "failed", last_error: outcome.error, next_attempt_at: null });
    } else {
      Object.assign(update, { last_error: outcome.error, next_attempt_at: nextAttemptAt });
    }
    await trx.updateTable("notification_deliveries").set(update).where("id", "=", deliveryId).execute();
    return deliveryView({ ...base, ...update });
  });
}

export async function nextDeliveryDueAt(ctx: StoreContext): Promise<string | null> {
  const row = await ctx.db
    .selectFrom("notification_deliveries as d")
    .innerJoin("notification_subscriptions as s", "s.id", "d.subscription_id")
    .select((eb) => eb.fn.min("d.next_attempt_at").as("due"))
    .where("d.status", "=", "pending")
    .where("s.enabled", "=", 1)
    .where((eb) => eb("d.seq", "=", headOfLine(eb)))
    .executeTakeFirst();
  return row?.due ?? null;
}
