import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getGroup, ({ org, params, deps }) =>
  deps.store.getGroup(org.id, params.connectionId, params.groupId),
);
