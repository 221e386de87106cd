import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listSubscriptions, async ({ org, deps }) => ({
  items: await deps.store.listSubscriptions(org.id),
}));
