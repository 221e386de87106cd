import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.testSubscription, async ({ org, principal, params, req, deps }) => {
  const delivery = await deps.store.enqueueTestEvent(org.id, params.subscriptionId);
  noteAudit(req, principal, "notification.test_sent", params.subscriptionId, { eventId: delivery.id });
  deps.notify?.kick();
  return { delivery };
});
