import { routes } from "../api-contract.js";
import { capabilitiesProblem, combinedCapabilities, connectionCapabilities } from "../capabilities.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getCapabilities, async ({ org, query, deps }) => {
  if (query.connectionId !== undefined) {
    const connection = await deps.store.getConnection(org.id, query.connectionId);
    return {
      connectionId: connection.id,
      items: connectionCapabilities(connection),
      problem: capabilitiesProblem([connection]),
    };
  }
  const connections = await deps.store.listConnections(org.id);
  return {
    connectionId: null,
    items: combinedCapabilities(connections),
    problem: capabilitiesProblem(connections),
  };
});
