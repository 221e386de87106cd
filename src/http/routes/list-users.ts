import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.listUsers, async ({ org, query, deps }) => {
  if (query.connectionId !== undefined) await deps.store.getConnection(org.id, query.connectionId);
  const page = await deps.store.listUsers(org.id, {
    ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
    ...(query.q === undefined || query.q === "" ? {} : { search: query.q }),
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(query.licenseType === undefined ? {} : { licenseType: query.licenseType }),
    sort: query.sort,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  return {
    items: page.items.map((u) => ({
      connectionId: u.connectionId,
      userId: u.userId,
      userName: u.userName,
      displayName: u.displayName,
      primaryEmail: u.primaryEmail,
      status: u.status,
      licenseTypes: u.licenseTypes,
      firstSeenAt: u.firstSeenAt,
      deletedAt: u.deletedAt,
      lastSignInAt: u.lastSignInAt,
    })),
    nextCursor: page.nextCursor,
    counts: page.counts,
  };
});
