import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { tokenView } from "../token-view.js";

export default defineRoute(routes.listTokens, async ({ org, principal, deps }) => ({
  items: (await deps.store.listTokens(org.id)).map((t) => tokenView(t, principal)),
}));
