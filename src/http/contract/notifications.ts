// Contract schemas of notifications (issue 16): subscriptions (webhook or Slack), their delivery
// log, test, rotate-secret and redeliver. Admin tokens only: a subscription sends the
// organization's changes out of idc-sync. The event payload itself is docs/webhooks.md.
import { z } from "zod";
import { CHANGE_KINDS } from "../../domain/change.js";
import { FINDING_RULES, FINDING_SEVERITIES } from "../../domain/findings/types.js";
import { DELIVERY_STATUSES, DESTINATION_KINDS, EVENT_TYPES } from "../../domain/notifications/types.js";
import { idParam, isoTime, nextCursor, nullableIsoTime, pageQuery } from "./common.js";

export const subscriptionFilterSchema = z
  .strictObject({
    changeKinds: z.array(z.enum(CHANGE_KINDS)).max(CHANGE_KINDS.length).default([]),
    findingRules: z.array(z.enum(FINDING_RULES)).max(FINDING_RULES.length).default([]),
    minSeverity: z.enum(FINDING_SEVERITIES).nullable().default(null),
    connectionIds: z.array(idParam).max(100).default([]),
  })
  .meta({ id: "SubscriptionFilter", description: "Empty lists mean any" });

export const subscriptionSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(DESTINATION_KINDS),
    url: z.string().meta({ description: "Origin and path; a query and Slack's secret path are masked" }),
    filter: subscriptionFilterSchema,
    enabled: z.boolean(),
    disabledReason: z.string().nullable(),
    createdAt: isoTime,
    secretRotatedAt: isoTime,
  })
  .meta({ id: "NotificationSubscription" });
export type SubscriptionView = z.infer<typeof subscriptionSchema>;

export const subscriptionListResponse = z
  .object({ items: z.array(subscriptionSchema) })
  .meta({ id: "NotificationSubscriptionList" });
export type SubscriptionListResponse = z.infer<typeof subscriptionListResponse>;

export const createSubscriptionBody = z.strictObject({
  name: z.string().trim().min(1, "say what the subscription is for").max(100),
  kind: z.enum(DESTINATION_KINDS),
  url: z.string().trim().min(1, "give the destination's https URL").max(2000),
  filter: subscriptionFilterSchema.default({
    changeKinds: [],
    findingRules: [],
    minSeverity: null,
    connectionIds: [],
  }),
});
export type CreateSubscriptionBody = z.input<typeof createSubscriptionBody>;

export const subscriptionWithSecretResponse = z
  .object({
    subscription: subscriptionSchema,
    secret: z.string().meta({ description: "The signing secret: shown in this answer only" }),
  })
  .meta({ id: "NotificationSubscriptionWithSecret" });
export type SubscriptionWithSecretResponse = z.infer<typeof subscriptionWithSecretResponse>;

export const updateSubscriptionBody = z.strictObject({ enabled: z.boolean() });

export const deliverySchema = z
  .object({
    id: z.string().meta({ description: "The event id (the same on every attempt)" }),
    subscriptionId: z.string(),
    type: z.enum(EVENT_TYPES),
    connectionId: z.string().nullable(),
    syncRunId: z.string().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    createdAt: isoTime,
    nextAttemptAt: nullableIsoTime,
    lastAttemptAt: nullableIsoTime,
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: nullableIsoTime,
  })
  .meta({ id: "NotificationDelivery" });
export type DeliveryView = z.infer<typeof deliverySchema>;

export const deliveryResponse = z
  .object({ delivery: deliverySchema })
  .meta({ id: "NotificationDeliveryResult" });
export const deliveryListResponse = z
  .object({ items: z.array(deliverySchema), nextCursor })
  .meta({ id: "NotificationDeliveryList" });
export type DeliveryListResponse = z.infer<typeof deliveryListResponse>;
export const deliveriesQuery = z.strictObject({ status: z.enum(DELIVERY_STATUSES).optional(), ...pageQuery });

export const subscriptionParams = z.strictObject({ subscriptionId: idParam });
export const deliveryParams = z.strictObject({ deliveryId: idParam });

const base = "/api/notifications/subscriptions";

export const notificationRoutes = {
  listSubscriptions: {
    method: "GET",
    path: base,
    summary: "The organization's notification subscriptions (webhooks and Slack), never their secrets",
    auth: true,
    scope: "admin",
    status: 200,
    response: subscriptionListResponse,
  },
  createSubscription: {
    method: "POST",
    path: base,
    summary:
      "Subscribe a webhook or Slack destination to changes and findings; the signing secret is in this answer only",
    auth: true,
    body: createSubscriptionBody,
    status: 201,
    response: subscriptionWithSecretResponse,
  },
  updateSubscription: {
    method: "PATCH",
    path: `${base}/:subscriptionId`,
    summary: "Enable or disable a subscription (e.g. again after a 410 Gone disabled it)",
    auth: true,
    params: subscriptionParams,
    body: updateSubscriptionBody,
    status: 200,
    response: subscriptionSchema,
  },
  deleteSubscription: {
    method: "DELETE",
    path: `${base}/:subscriptionId`,
    summary: "Remove a subscription with its delivery log; its pending events are dropped",
    auth: true,
    params: subscriptionParams,
    status: 204,
    response: null,
  },
  rotateSubscriptionSecret: {
    method: "POST",
    path: `${base}/:subscriptionId/rotate-secret`,
    summary: "A new signing secret (in this answer only); the old one stops signing at once",
    auth: true,
    params: subscriptionParams,
    status: 200,
    response: subscriptionWithSecretResponse,
  },
  testSubscription: {
    method: "POST",
    path: `${base}/:subscriptionId/test`,
    summary: "Send a notification.test event (queued and delivered like any other; see its delivery)",
    auth: true,
    params: subscriptionParams,
    status: 202,
    response: deliveryResponse,
  },
  listDeliveries: {
    method: "GET",
    path: `${base}/:subscriptionId/deliveries`,
    summary: "A subscription's delivery log, newest first: status, attempts, last response code and time",
    auth: true,
    scope: "admin",
    params: subscriptionParams,
    query: deliveriesQuery,
    status: 200,
    response: deliveryListResponse,
  },
  redeliver: {
    method: "POST",
    path: "/api/notifications/deliveries/:deliveryId/redeliver",
    summary: "Send a delivered or failed event again, with the same event id",
    auth: true,
    params: deliveryParams,
    status: 202,
    response: deliveryResponse,
  },
} as const;
