import { routes } from "../api-contract.js";
import { principalOfToken, setSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";
import { organizationView } from "../organization-view.js";

// Signs in with a token: a new server-side session (its id in the cookie), never the token itself.
export default defineRoute(routes.createSession, async ({ body, req, reply, deps }) => {
  const principal = await principalOfToken(
    req,
    deps,
    body.token,
    "the access token is not valid; check it and try again",
  );
  const sessionId = await deps.store.createSession(principal, deps.sessionLimits);
  setSessionCookie(req, reply, sessionId, Math.floor(deps.sessionLimits.absoluteMs / 1000));
  return { organization: organizationView(principal.organization), scope: principal.scope };
});
