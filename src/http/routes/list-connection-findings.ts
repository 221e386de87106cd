import { findingView } from "../../domain/findings/view.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { findingListOptions } from "./list-findings.js";

export default defineRoute(routes.listConnectionFindings, async ({ org, params, query, deps }) => {
  const page = await deps.store.listFindings(org.id, {
    connectionId: params.connectionId,
    ...findingListOptions(query),
  });
  return {
    items: page.items.map((f) => ({ ...findingView(f), connectionId: f.connectionId })),
    nextCursor: page.nextCursor,
    counts: page.counts,
  };
});
