import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { scheduleEntry } from "../schedule-entry.js";
import { connectionView } from "../views.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.syncNow, async ({ org, principal, params, body, req, deps }) => {
  const connection = await deps.store.getConnection(org.id, params.connectionId);
  const run = deps.scheduler.syncNow(scheduleEntry(connection), { force: body?.force === true });
  // Answer once the run is recorded, so the connection already reads `syncing` with its run id.
  await run.claimed;
  const claimed = await deps.store.getConnection(org.id, connection.id);
  noteAudit(req, principal, "sync.requested", params.connectionId, {
    force: body?.force === true,
    runId: claimed.lastRunId,
  });
  return { connection: await connectionView(deps, claimed), runId: claimed.lastRunId };
});
