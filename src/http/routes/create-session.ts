import { routes } from "../api-contract.js";
import { setSessionCookie } from "../auth.js";
import { defineRoute } from "../define-route.js";
import { UnauthorizedError } from "../errors.js";
import { organizationView } from "../organization-view.js";

export default defineRoute(routes.createSession, async ({ body, req, reply, deps }) => {
  const organization = await deps.store.findOrganizationByToken(body.token);
  if (organization === null)
    throw new UnauthorizedError("the access token is not valid; check it and try again");
  setSessionCookie(req, reply, body.token);
  return { organization: organizationView(organization) };
});
