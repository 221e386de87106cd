// The deliverer's port on storage (the store's OutboxPort provides it): the deliverer owns this
// interface and never imports the store, as the engine does with its sync-store.ts.
import type { AttemptOutcome, Delivery, DueDelivery } from "../domain/notifications/types.js";

export interface DeliveryStore {
  claimDueDeliveries(limit: number, leaseMs: number): Promise<DueDelivery[]>;
  recordDeliveryAttempt(
    deliveryId: string,
    outcome: AttemptOutcome,
    nextAttemptAt: string | null,
  ): Promise<Delivery>;
  nextDeliveryDueAt(): Promise<string | null>;
}
