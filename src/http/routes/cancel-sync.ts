// "Cancel": stops the connection's running sync wherever it runs. A sync in this process is
// aborted at once; one on another process (a queue worker, or a CLI sync) sees the stored request
// at its next beat (about a second) and stops. Either way nothing is committed: the run is
// recorded as cancelled and the stored state stays as it was.
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.cancelSync, async ({ org, params, deps }) => {
  const connection = await deps.store.getConnection(org.id, params.connectionId);
  const stored = await deps.store.requestSyncCancel(org.id, connection.id);
  const here = deps.scheduler.cancel(connection.id);
  return { cancelled: stored || here };
});
