import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

const iso = (t: string): string => new Date(t).toISOString();

export default defineRoute(routes.listChanges, async ({ org, query, deps }) => {
  if (query.connectionId !== undefined) await deps.store.getConnection(org.id, query.connectionId);
  const page = await deps.store.listChanges(org.id, {
    ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
    ...(query.kind === undefined ? {} : { kinds: query.kind }),
    ...(query.userId === undefined ? {} : { userId: query.userId }),
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    ...(query.groupId === undefined ? {} : { groupId: query.groupId }),
    ...(query.permissionSetArn === undefined ? {} : { permissionSetArn: query.permissionSetArn }),
    ...(query.syncRunId === undefined ? {} : { syncRunId: query.syncRunId }),
    ...(query.since === undefined ? {} : { since: iso(query.since) }),
    ...(query.until === undefined ? {} : { until: iso(query.until) }),
    order: query.order,
    limit: query.limit,
    cursor: query.cursor ?? null,
  });
  return { items: page.items, nextCursor: page.nextCursor };
});
