// Subscriptions and their delivery log (issue 16), per organization. The outbox side (commit,
// claim, attempts) is store-outbox.ts.
import type { Selectable } from "kysely";
import { isChangeKind } from "../domain/change.js";
import { NotFoundError } from "../domain/errors.js";
import { isFindingRule, isFindingSeverity } from "../domain/findings/types.js";
import { displayUrl } from "../domain/notifications/destination.js";
import { newSigningSecret } from "../domain/notifications/signature.js";
import type {
  Delivery,
  NewSubscription,
  NotificationEvent,
  Subscription,
  SubscriptionFilter,
} from "../domain/notifications/types.js";
import { DELIVERY_STATUSES, EVENT_TYPES, GIVE_UP_MS } from "../domain/notifications/types.js";
import type { StoreContext } from "./context.js";
import { newId, nowIso } from "./context.js";
import type { ListDeliveriesOptions, SubscriptionWithSecret } from "./notifications-port.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import type { Page } from "./read-models.js";
import { parseJson } from "./rows.js";
import type { NotificationDeliveriesTable, NotificationSubscriptionsTable } from "./schema.js";

/** A stored filter, read leniently: an unknown kind or rule (from a later version) is skipped. */
export function subscriptionFilterOf(text: string): SubscriptionFilter {
  const raw = parseJson<Record<string, unknown>>(text, {});
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
  const severity =
    typeof raw.minSeverity === "string" && isFindingSeverity(raw.minSeverity) ? raw.minSeverity : null;
  return {
    changeKinds: strings(raw.changeKinds).filter(isChangeKind),
    findingRules: strings(raw.findingRules).filter(isFindingRule),
    minSeverity: severity,
    connectionIds: strings(raw.connectionIds),
  };
}

function subscriptionView(row: Selectable<NotificationSubscriptionsTable>): Subscription {
  const kind = row.kind === "slack" ? "slack" : "webhook";
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.name,
    kind,
    url: displayUrl(kind, row.url),
    filter: subscriptionFilterOf(row.filter),
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    secretRotatedAt: row.secret_rotated_at,
  };
}

export function deliveryView(
  row: Omit<Selectable<NotificationDeliveriesTable>, "seq"> & { seq?: unknown },
): Delivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    type: (EVENT_TYPES as readonly string[]).includes(row.type)
      ? (row.type as Delivery["type"])
      : "sync.changes",
    connectionId: row.connection_id,
    syncRunId: row.sync_run_id,
    status: (DELIVERY_STATUSES as readonly string[]).includes(row.status)
      ? (row.status as Delivery["status"])
      : "pending",
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.status === "pending" ? row.next_attempt_at : null,
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
  };
}

export function pendingRow(
  event: NotificationEvent,
  subscriptionId: string,
  at: string,
  retryUntil: string,
  syncRunId: string | null,
) {
  return {
    id: event.id,
    organization_id: event.organizationId,
    subscription_id: subscriptionId,
    type: event.type,
    connection_id: event.connection?.id ?? null,
    sync_run_id: syncRunId,
    payload: JSON.stringify(event),
    status: "pending",
    attempts: 0,
    created_at: at,
    retry_until: retryUntil,
    next_attempt_at: at,
  };
}

async function subscriptionRow(ctx: StoreContext, orgId: string, id: string) {
  const row = await ctx.db
    .selectFrom("notification_subscriptions")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no notification subscription ${id} in this organization`);
  return row;
}

export async function createSubscription(
  ctx: StoreContext,
  orgId: string,
  input: NewSubscription,
): Promise<SubscriptionWithSecret> {
  const at = nowIso(ctx);
  const secret = newSigningSecret();
  const row = {
    id: newId(),
    organization_id: orgId,
    name: input.name,
    kind: input.kind,
    url: input.url,
    secret,
    filter: JSON.stringify(input.filter),
    enabled: 1,
    disabled_reason: null,
    created_at: at,
    secret_rotated_at: at,
  };
  await ctx.db.insertInto("notification_subscriptions").values(row).execute();
  return { subscription: subscriptionView(row), secret };
}

export async function listSubscriptions(ctx: StoreContext, orgId: string): Promise<Subscription[]> {
  const rows = await ctx.db
    .selectFrom("notification_subscriptions")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(subscriptionView);
}

export async function getSubscription(ctx: StoreContext, orgId: string, id: string): Promise<Subscription> {
  return subscriptionView(await subscriptionRow(ctx, orgId, id));
}

export async function deleteSubscription(ctx: StoreContext, orgId: string, id: string): Promise<void> {
  await subscriptionRow(ctx, orgId, id);
  await ctx.db.deleteFrom("notification_deliveries").where("subscription_id", "=", id).execute();
  await ctx.db.deleteFrom("notification_subscriptions").where("id", "=", id).execute();
}

export async function rotateSubscriptionSecret(
  ctx: StoreContext,
  orgId: string,
  id: string,
): Promise<SubscriptionWithSecret> {
  await subscriptionRow(ctx, orgId, id);
  const secret = newSigningSecret();
  await ctx.db
    .updateTable("notification_subscriptions")
    .set({ secret, secret_rotated_at: nowIso(ctx) })
    .where("id", "=", id)
    .execute();
  return { subscription: subscriptionView(await subscriptionRow(ctx, orgId, id)), secret };
}

export async function setSubscriptionEnabled(
  ctx: StoreContext,
  orgId: string,
  id: string,
  enabled: boolean,
): Promise<Subscription> {
  await subscriptionRow(ctx, orgId, id);
  await ctx.db
    .updateTable("notification_subscriptions")
    .set({ enabled: enabled ? 1 : 0, disabled_reason: enabled ? null : "disabled by an admin" })
    .where("id", "=", id)
    .execute();
  return subscriptionView(await subscriptionRow(ctx, orgId, id));
}

export async function listDeliveries(
  ctx: StoreContext,
  orgId: string,
  subscriptionId: string,
  options: ListDeliveriesOptions = {},
): Promise<Page<Delivery>> {
  await subscriptionRow(ctx, orgId, subscriptionId);
  const limit = pageLimit(options.limit);
  let query = ctx.db
    .selectFrom("notification_deliveries")
    .selectAll()
    .where("subscription_id", "=", subscriptionId);
  if (options.status !== undefined) query = query.where("status", "=", options.status);
  if (options.cursor != null) {
    const [seq] = decodeCursor("deliveries", options.cursor, 1);
    query = query.where("seq", "<", Number(seq));
  }
  const rows = await query
    .orderBy("seq", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, deliveryView, (r) => encodeCursor("deliveries", [Number(r.seq)]));
}

export async function enqueueTestEvent(
  ctx: StoreContext,
  orgId: string,
  subscriptionId: string,
): Promise<Delivery> {
  const sub = await subscriptionRow(ctx, orgId, subscriptionId);
  const at = nowIso(ctx);
  const event: NotificationEvent = {
    id: newId(),
    type: "notification.test",
    occurredAt: at,
    organizationId: orgId,
    connection: null,
    data: { message: `A test event for the subscription "${sub.name}"`, subscriptionId },
  };
  const row = pendingRow(
    event,
    subscriptionId,
    at,
    new Date(Date.parse(at) + GIVE_UP_MS).toISOString(),
    null,
  );
  await ctx.db.insertInto("notification_deliveries").values(row).execute();
  return deliveryView({
    ...row,
    last_attempt_at: null,
    last_status_code: null,
    last_error: null,
    delivered_at: null,
    lease_until: null,
  });
}

export async function redeliver(ctx: StoreContext, orgId: string, deliveryId: string): Promise<Delivery> {
  const row = await ctx.db
    .selectFrom("notification_deliveries")
    .selectAll()
    .where("organization_id", "=", orgId)
    .where("id", "=", deliveryId)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`no delivery ${deliveryId} in this organization`);
  const now = ctx.now();
  const update = {
    status: "pending",
    next_attempt_at: now.toISOString(),
    retry_until: new Date(now.getTime() + GIVE_UP_MS).toISOString(),
    lease_until: null,
  };
  // A pending one is left as it is: it is on its way.
  if (row.status === "pending") return deliveryView(row);
  await ctx.db.updateTable("notification_deliveries").set(update).where("id", "=", deliveryId).execute();
  return deliveryView({ ...row, ...update });
}
