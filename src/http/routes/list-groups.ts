import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { listOptions } from "../explore-options.js";

export default defineRoute(routes.listGroups, ({ org, params, query, deps }) =>
  deps.store.listGroups(org.id, params.connectionId, listOptions(query)),
);
