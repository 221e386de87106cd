import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.rotateSubscriptionSecret, async ({ org, principal, params, req, deps }) => {
  const rotated = await deps.store.rotateSubscriptionSecret(org.id, params.subscriptionId);
  noteAudit(req, principal, "notification.secret_rotated", params.subscriptionId);
  return rotated;
});
