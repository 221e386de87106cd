import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { listOptions } from "../explore-options.js";

export default defineRoute(routes.listAccounts, ({ org, params, query, deps }) =>
  deps.store.listAccounts(org.id, params.connectionId, listOptions(query)),
);
