import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { organizationView } from "../organization-view.js";

export default defineRoute(routes.getSession, ({ principal }) => ({
  organization: organizationView(principal.organization),
  scope: principal.scope,
}));
