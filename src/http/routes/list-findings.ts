import type { z } from "zod";
import { findingView } from "../../domain/findings/view.js";
import type { ListFindingsOptions } from "../../store/findings-port.js";
import { routes, type connectionFindingsQuery } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

/** The store's list options from the query (both finding lists take the same filters). */
export function findingListOptions(query: z.output<typeof connectionFindingsQuery>): ListFindingsOptions {
  return {
    status: query.status,
    limit: query.limit,
    cursor: query.cursor ?? null,
    ...(query.rule === undefined ? {} : { rules: query.rule }),
    ...(query.severity === undefined ? {} : { severities: query.severity }),
    ...(query.userId === undefined ? {} : { userId: query.userId }),
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    ...(query.permissionSetArn === undefined ? {} : { permissionSetArn: query.permissionSetArn }),
    ...(query.groupId === undefined ? {} : { groupId: query.groupId }),
  };
}

export default defineRoute(routes.listFindings, async ({ org, query, deps }) => {
  const page = await deps.store.listFindings(org.id, {
    ...(query.connectionId === undefined ? {} : { connectionId: query.connectionId }),
    ...findingListOptions(query),
  });
  return {
    items: page.items.map((f) => ({ ...findingView(f), connectionId: f.connectionId })),
    nextCursor: page.nextCursor,
    counts: page.counts,
  };
});
