import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.updateSubscription, async ({ org, principal, params, body, req, deps }) => {
  const subscription = await deps.store.setSubscriptionEnabled(org.id, params.subscriptionId, body.enabled);
  noteAudit(req, principal, "notification.subscription_updated", subscription.id, { enabled: body.enabled });
  // Re-enabled: its waiting events may go now.
  if (body.enabled) deps.notify?.kick();
  return subscription;
});
