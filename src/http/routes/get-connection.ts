import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { connectionView } from "../views.js";

export default defineRoute(routes.getConnection, async ({ org, params, deps }) =>
  connectionView(deps, await deps.store.getConnection(org.id, params.connectionId)),
);
