import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.deleteConnection, async ({ org, principal, params, req, deps }) => {
  // Ownership first: another organization's id must find nothing and stop nothing.
  await deps.store.getConnection(org.id, params.connectionId);
  await deps.scheduler.remove(params.connectionId);
  noteAudit(req, principal, "connection.deleted", params.connectionId);
  await deps.store.deleteConnection(org.id, params.connectionId);
});
