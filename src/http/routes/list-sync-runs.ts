import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { syncRunView } from "../views.js";

export default defineRoute(routes.listSyncRuns, async ({ org, params, query, deps }) => {
  const page = await deps.store.listSyncRuns(org.id, params.connectionId, {
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  return { items: page.items.map(syncRunView), nextCursor: page.nextCursor };
});
