import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.exportConnection, async ({ org, params, deps }) =>
  deps.store.exportConnection(org.id, params.connectionId),
);
