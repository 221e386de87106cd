import { parseConnectionValues } from "../../domain/connection-values.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { scheduleEntry } from "../schedule-entry.js";
import { connectionView } from "../views.js";

export default defineRoute(routes.createConnection, async ({ org, body, deps }) => {
  const values = parseConnectionValues(body);
  const connection = await deps.store.createConnection(org.id, {
    values,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.scheduleMinutes === undefined ? {} : { scheduleMinutes: body.scheduleMinutes }),
  });
  // Never synced, so the scheduler starts its first sync at once.
  deps.scheduler.upsert(scheduleEntry(connection));
  return connectionView(deps, connection);
});
