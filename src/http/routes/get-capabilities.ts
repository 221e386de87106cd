import { routes } from "../api-contract.js";
import { combinedCapabilities, connectionCapabilities } from "../capabilities.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getCapabilities, async ({ org, query, deps }) => {
  if (query.connectionId !== undefined) {
    const connection = await deps.store.getConnection(org.id, query.connectionId);
    return { connectionId: connection.id, items: connectionCapabilities(connection) };
  }
  return { connectionId: null, items: combinedCapabilities(await deps.store.listConnections(org.id)) };
});
