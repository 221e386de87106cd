import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.summarizeAccess, async ({ org, params, deps }) => ({
  items: await deps.store.summarizeAccess(org.id, params.connectionId),
}));
