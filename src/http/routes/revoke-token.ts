import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.revokeToken, async ({ org, principal, params, req, deps }) => {
  noteAudit(req, principal, "token.revoked", params.tokenId);
  await deps.store.revokeToken(org.id, params.tokenId);
});
