import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { tokenView } from "../token-view.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.createToken, async ({ org, principal, body, req, deps }) => {
  const expiresAt =
    body.expiresInDays === undefined
      ? null
      : new Date(Date.now() + body.expiresInDays * 86_400_000).toISOString();
  const { token, info } = await deps.store.createToken(org.id, {
    name: body.name,
    scope: body.scope,
    expiresAt,
  });
  noteAudit(req, principal, "token.created", info.id, {
    name: info.name,
    scope: info.scope,
    expiresAt: info.expiresAt,
  });
  return { token, info: tokenView(info, principal) };
});
