import { routes } from "../api-contract.js";
import { noteAudit } from "../audit.js";
import { principalOfToken, setSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";
import { organizationView } from "../organization-view.js";

// Signs in with a token: a new server-side session (its id in the cookie), never the token itself.
export default defineRoute(routes.createSession, async ({ body, req, reply, deps }) => {
  let principal;
  try {
    principal = await principalOfToken(
      req,
      deps,
      body.token,
      "the access token is not valid; check it and try again",
    );
  } catch (err) {
    // A failed sign-in names no organization; recorded all the same (never the token).
    noteAudit(req, null, "session.sign_in_failed", null, {}, true);
    throw err;
  }
  const sessionId = await deps.store.createSession(principal, deps.sessionLimits);
  setSessionCookie(req, reply, sessionId, Math.floor(deps.sessionLimits.absoluteMs / 1000));
  noteAudit(req, principal, "session.signed_in", principal.tokenId, { tokenName: principal.tokenName });
  return { organization: organizationView(principal.organization), scope: principal.scope };
});
