import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { listOptions } from "../explore-options.js";

export default defineRoute(routes.listPermissionSets, ({ org, params, query, deps }) =>
  deps.store.listPermissionSets(org.id, params.connectionId, listOptions(query)),
);
