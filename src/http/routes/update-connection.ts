// PATCH a connection. A new Role ARN or Region is re-checked with the connect-time checks (the
// connection's own endpoint and platform side) before anything is saved: a refused edit leaves
// the connection as it was. The history stays: the directory (Identity Store, instance) is the same.
import { parseConnectionValues } from "../../domain/connection-values.js";
import { routes } from "../api-contract.js";
import { connectRefusal } from "../checks.js";
import { defineRoute } from "../define-route.js";
import { scheduleEntry } from "../schedule-entry.js";
import { connectionView } from "../views.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.updateConnection, async ({ org, principal, params, body, req, deps }) => {
  const current = await deps.store.getConnection(org.id, params.connectionId);
  const values = parseConnectionValues({
    ...current.values,
    ...(body.roleArn === undefined ? {} : { roleArn: body.roleArn }),
    ...(body.region === undefined ? {} : { region: body.region }),
  });
  const moved = values.roleArn !== current.values.roleArn || values.region !== current.values.region;
  if (moved) {
    const refusal = connectRefusal(await deps.checkConnection(org, { ...current, values }));
    if (refusal !== null) throw refusal;
  }
  const connection = await deps.store.updateConnection(org.id, params.connectionId, {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.scheduleMinutes === undefined ? {} : { scheduleMinutes: body.scheduleMinutes }),
    ...(moved ? { values } : {}),
  });
  deps.scheduler.upsert(scheduleEntry(connection));
  noteAudit(req, principal, "connection.updated", connection.id, { fields: Object.keys(body) });
  return connectionView(deps, connection);
});
