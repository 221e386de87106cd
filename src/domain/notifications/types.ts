// Notifications (issue 16): subscriptions of an organization to its changes and findings, and the
// events idc-sync delivers to them at least once. The event shape is a contract (docs/webhooks.md,
// version 1): add fields freely, rename or remove them only with a new version.
import type { Change, ChangeKind } from "../change.js";
import type { FindingRuleId, FindingSeverity } from "../findings/types.js";

export const DESTINATION_KINDS = ["webhook", "slack"] as const;
/** webhook: a signed JSON POST; slack: a Slack incoming webhook (blocks, unsigned: Slack checks nothing). */
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

/** What a subscription receives; an empty list means "any". */
export interface SubscriptionFilter {
  changeKinds: ChangeKind[];
  findingRules: FindingRuleId[];
  /** Finding changes below this severity are left out; null: every severity. */
  minSeverity: FindingSeverity | null;
  connectionIds: string[];
}

export interface Subscription {
  id: string;
  organizationId: string;
  name: string;
  kind: DestinationKind;
  /** The destination as shown: origin and path, secrets in it masked (see displayUrl). */
  url: string;
  filter: SubscriptionFilter;
  enabled: boolean;
  /** Why it was disabled (e.g. the receiver answered 410 Gone); null while enabled. */
  disabledReason: string | null;
  createdAt: string;
  secretRotatedAt: string;
}

export interface NewSubscription {
  name: string;
  kind: DestinationKind;
  url: string;
  filter: SubscriptionFilter;
}

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const EVENT_TYPES = ["sync.changes", "notification.test"] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One event for one subscription: the outbox row and its delivery log in one. */
export interface Delivery {
  /** The event id: the same on every attempt, so a receiver drops duplicates by it. */
  id: string;
  subscriptionId: string;
  type: EventType;
  connectionId: string | null;
  syncRunId: string | null;
  status: DeliveryStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** The receiver's last HTTP status; null before any answer (or when none came: see lastError). */
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
}

/** A delivery the deliverer holds (claimed), with what it needs to send it. */
export interface DueDelivery {
  delivery: Delivery;
  event: NotificationEvent;
  /** The destination's full URL (a secret for Slack: never logged). */
  url: string;
  kind: DestinationKind;
  secret: string;
  /** The attempt being made (1 on the first). */
  attempt: number;
  /** After this the event is given up (failed), unless it succeeds. */
  retryUntil: string;
}

/** What happened to one attempt. */
export type AttemptOutcome =
  | { result: "delivered"; statusCode: number }
  /** 410 Gone: the receiver says the subscription is over; it is disabled. */
  | { result: "gone"; statusCode: number }
  | { result: "retry"; statusCode: number | null; error: string; retryAfterMs: number | null };

/** Version 1 of the payload (docs/webhooks.md). Links are paths until the deliverer adds its base URL. */
export interface NotificationEvent {
  id: string;
  type: EventType;
  occurredAt: string;
  organizationId: string;
  connection: { id: string; name: string } | null;
  data: SyncChangesData | TestData;
}

export interface SyncChangesData {
  syncRunId: string;
  summary: {
    /** Changes of this sync that match the subscription (all of them, not only those listed). */
    changes: number;
    findingsOpened: number;
    findingsResolved: number;
    byKind: Partial<Record<ChangeKind, number>>;
  };
  /** Up to MAX_EVENT_ITEMS matching changes (findings' opened/resolved among them), in commit order. */
  changes: Change[];
  /** True when more changes matched than are listed: `links.api` pages through all of them. */
  truncated: boolean;
  links: { api: string; web: string };
}

export interface TestData {
  message: string;
  subscriptionId: string;
}

/** Changes listed in one event; the rest are behind the event's link (one event per sync). */
export const MAX_EVENT_ITEMS = 100;

/** An event is retried this long after it was written, then given up (failed, replayable). */
export const GIVE_UP_MS = 24 * 3_600_000;
