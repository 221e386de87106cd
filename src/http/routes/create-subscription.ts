// A new subscription: the destination judged by the same rules the deliverer applies (public
// https, or a host on IDC_SYNC_WEBHOOK_ALLOWLIST), the filter's connections checked to be this
// organization's. The signing secret is in this answer only; the audit log names the
// destination's host, never its URL (a Slack webhook URL is a secret).
import { ValidationError } from "../../domain/errors.js";
import { assertDestinationAllowed } from "../../domain/notifications/destination.js";
import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.createSubscription, async ({ org, principal, body, req, deps }) => {
  const url = assertDestinationAllowed(body.kind, body.url, deps.notify?.allowlist ?? []);
  for (const [i, id] of body.filter.connectionIds.entries()) {
    await deps.store.getConnection(org.id, id).catch(() => {
      throw new ValidationError(
        `filter.connectionIds.${i}`,
        `filter.connectionIds: there is no connection ${id} in this organization; give ids from GET /api/connections`,
      );
    });
  }
  const created = await deps.store.createSubscription(org.id, {
    name: body.name,
    kind: body.kind,
    url: url.href,
    filter: body.filter,
  });
  noteAudit(req, principal, "notification.subscription_created", created.subscription.id, {
    name: body.name,
    kind: body.kind,
    host: url.host,
  });
  return created;
});
