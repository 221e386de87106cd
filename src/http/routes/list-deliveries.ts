import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listDeliveries, async ({ org, params, query, deps }) => {
  const page = await deps.store.listDeliveries(org.id, params.subscriptionId, {
    ...(query.status === undefined ? {} : { status: query.status }),
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  return { items: page.items, nextCursor: page.nextCursor };
});
