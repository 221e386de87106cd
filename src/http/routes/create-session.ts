import { routes } from "../api-contract.js";
import { organizationOfToken, setSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";
import { organizationView } from "../organization-view.js";

export default defineRoute(routes.createSession, async ({ body, req, reply, deps }) => {
  const organization = await organizationOfToken(
    req,
    deps.store,
    body.token,
    "the access token is not valid; check it and try again",
  );
  setSessionCookie(req, reply, body.token);
  return { organization: organizationView(organization) };
});
