import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getUsage, async ({ org, params, deps }) =>
  deps.store.getUsageSummary(org.id, params.connectionId),
);
