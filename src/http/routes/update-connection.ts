import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { scheduleEntry } from "../schedule-entry.js";
import { connectionView } from "../views.js";

export default defineRoute(routes.updateConnection, async ({ org, params, body, deps }) => {
  const connection = await deps.store.updateConnection(org.id, params.connectionId, {
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.scheduleMinutes === undefined ? {} : { scheduleMinutes: body.scheduleMinutes }),
  });
  deps.scheduler.upsert(scheduleEntry(connection));
  return connectionView(deps, connection);
});
