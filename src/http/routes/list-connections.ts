import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { connectionView } from "../views.js";

export default defineRoute(routes.listConnections, async ({ org, deps }) => {
  const connections = await deps.store.listConnections(org.id);
  return { items: await Promise.all(connections.map((c) => connectionView(deps, c))) };
});
