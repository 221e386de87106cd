import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.checkConnection, async ({ org, params, deps }) =>
  deps.checkConnection(org, await deps.store.getConnection(org.id, params.connectionId)),
);
