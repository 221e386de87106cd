import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listAccess, async ({ org, params, query, deps }) => {
  const page = await deps.store.listAccess(org.id, params.connectionId, {
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    ...(query.permissionSetArn === undefined ? {} : { permissionSetArn: query.permissionSetArn }),
    ...(query.userId === undefined ? {} : { userId: query.userId }),
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  return { items: page.items, nextCursor: page.nextCursor };
});
