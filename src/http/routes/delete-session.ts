import { routes, SESSION_COOKIE } from "../api-contract.js";
import { clearSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";

// Sign-out revokes the session in the store: the same cookie value no longer works anywhere.
// No sign-in needed: an expired session may still be signed out of.
export default defineRoute(routes.deleteSession, async ({ req, reply, deps }) => {
  const sessionId = req.cookies[SESSION_COOKIE];
  if (sessionId !== undefined && sessionId !== "") await deps.store.revokeSession(sessionId);
  clearSessionCookie(req, reply);
});
