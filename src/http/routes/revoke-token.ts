import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.revokeToken, async ({ org, params, deps }) => {
  await deps.store.revokeToken(org.id, params.tokenId);
});
