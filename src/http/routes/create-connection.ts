import { parseConnectionValues } from "../../domain/connection-values.js";
import { ConflictError } from "../../domain/errors.js";
import { routes } from "../api-contract.js";
import { connectRefusal } from "../checks.js";
import { defineRoute } from "../define-route.js";
import { allowedEndpointUrl } from "../endpoint-url.js";
import { scheduleEntry } from "../schedule-entry.js";
import { connectionView } from "../views.js";
import { noteAudit } from "../audit.js";

// Checks first, with the same external id, endpoint and platform credentials the syncs will use:
// a refused connection is never saved; one saved with optional parts missing says so.
export default defineRoute(routes.createConnection, async ({ org, principal, body, req, deps }) => {
  const values = parseConnectionValues(body);
  const endpointUrl = allowedEndpointUrl(deps, body.endpointUrl);
  // The store refuses a duplicate anyway; finding it first spares the customer's AWS the checks.
  const existing = (await deps.store.listConnections(org.id)).find(
    (c) => c.values.instanceArn === values.instanceArn,
  );
  if (existing !== undefined) {
    throw new ConflictError(
      `this organization already has a connection to the Identity Center instance ${values.instanceArn} ` +
        `(connection "${existing.name}", ${existing.id}); edit or delete that connection instead of connecting the instance twice`,
    );
  }
  const check = await deps.checkValues(org, values, endpointUrl);
  const refusal = connectRefusal(check);
  if (refusal !== null) throw refusal;
  const connection = await deps.store.createConnection(org.id, {
    values,
    endpointUrl,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.scheduleMinutes === undefined ? {} : { scheduleMinutes: body.scheduleMinutes }),
  });
  // Never synced, so the scheduler starts its first sync at once.
  deps.scheduler.upsert(scheduleEntry(connection));
  noteAudit(req, principal, "connection.created", connection.id, {
    name: connection.name,
    endpointUrl: connection.endpointUrl,
  });
  return { ...(await connectionView(deps, connection)), checkWarnings: check.warnings };
});
