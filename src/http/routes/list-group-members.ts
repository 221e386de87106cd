import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listGroupMembers, ({ org, params, query, deps }) =>
  deps.store.listGroupMembers(org.id, params.connectionId, params.groupId, {
    ...(query.q === undefined || query.q === "" ? {} : { search: query.q }),
    limit: query.limit,
    cursor: query.cursor ?? null,
  }),
);
