import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { organizationView } from "../organization-view.js";

export default defineRoute(routes.getSession, ({ org }) => ({ organization: organizationView(org) }));
