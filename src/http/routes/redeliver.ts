import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.redeliver, async ({ org, principal, params, req, deps }) => {
  const delivery = await deps.store.redeliver(org.id, params.deliveryId);
  noteAudit(req, principal, "notification.redelivered", delivery.subscriptionId, { eventId: delivery.id });
  deps.notify?.kick();
  return { delivery };
});
