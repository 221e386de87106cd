import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.deleteSubscription, async ({ org, principal, params, req, deps }) => {
  await deps.store.deleteSubscription(org.id, params.subscriptionId);
  noteAudit(req, principal, "notification.subscription_deleted", params.subscriptionId);
});
