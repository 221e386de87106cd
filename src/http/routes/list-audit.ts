import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listAudit, async ({ org, query, deps }) => {
  const page = await deps.store.listAudit(org.id, {
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    ...(query.action === undefined ? {} : { action: query.action }),
  });
  return {
    items: page.items.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actor: e.actor,
      source: e.source,
      target: e.target,
      details: e.details,
    })),
    nextCursor: page.nextCursor,
  };
});
