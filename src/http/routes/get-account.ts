import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getAccount, ({ org, params, deps }) =>
  deps.store.getAccount(org.id, params.connectionId, params.accountId),
);
