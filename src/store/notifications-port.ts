// Notifications (issue 16): subscriptions and their delivery log for the surfaces, and the outbox
// the deliverer drains (it is the deliverer's port, src/notify/delivery-store.ts, in the store's
// words). The sync's commit fills the outbox itself (store-outbox.ts). store-notifications.ts.
import type {
  AttemptOutcome,
  Delivery,
  DeliveryStatus,
  DueDelivery,
  NewSubscription,
  Subscription,
} from "../domain/notifications/types.js";
import type { Page } from "./read-models.js";

/** A subscription with its signing secret: returned only when it is made or rotated. */
export interface SubscriptionWithSecret {
  subscription: Subscription;
  secret: string;
}

export interface ListDeliveriesOptions {
  limit?: number;
  cursor?: string | null;
  status?: DeliveryStatus;
}

export interface NotificationsPort {
  createSubscription(orgId: string, input: NewSubscription): Promise<SubscriptionWithSecret>;
  /** Oldest first. */
  listSubscriptions(orgId: string): Promise<Subscription[]>;
  getSubscription(orgId: string, id: string): Promise<Subscription>;
  /** Removes it and its delivery log; pending events to it are dropped. */
  deleteSubscription(orgId: string, id: string): Promise<void>;
  /** A new secret; the old one stops signing at once. */
  rotateSubscriptionSecret(orgId: string, id: string): Promise<SubscriptionWithSecret>;
  /** Re-enables one disabled (e.g. by 410 Gone) or disables one. */
  setSubscriptionEnabled(orgId: string, id: string, enabled: boolean): Promise<Subscription>;
  /** Newest first. */
  listDeliveries(
    orgId: string,
    subscriptionId: string,
    options?: ListDeliveriesOptions,
  ): Promise<Page<Delivery>>;
  /** Queues a `notification.test` event to the subscription (delivered like any other). */
  enqueueTestEvent(orgId: string, subscriptionId: string): Promise<Delivery>;
  /** Sends a delivered or failed event again (the same event id): pending, due now, a new 24 h. */
  redeliver(orgId: string, deliveryId: string): Promise<Delivery>;
}

export interface OutboxPort {
  /**
   * Takes up to `limit` due events, each the oldest pending one of its (enabled) subscription so
   * that a subscription's events go out in commit order, and holds them `leaseMs` (a deliverer
   * that dies lets them go again then). Safe from several processes at once.
   */
  claimDueDeliveries(limit: number, leaseMs: number): Promise<DueDelivery[]>;
  /** `nextAttemptAt` null on a retry outcome: given up (failed). */
  recordDeliveryAttempt(
    deliveryId: string,
    outcome: AttemptOutcome,
    nextAttemptAt: string | null,
  ): Promise<Delivery>;
  /** When the next pending event of an enabled subscription is due (null: none). */
  nextDeliveryDueAt(): Promise<string | null>;
}
