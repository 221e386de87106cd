import { findingView } from "../../domain/findings/view.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.acceptFinding, async ({ org, params, body, deps }) => {
  const finding = await deps.store.acceptFinding(org.id, params.connectionId, params.findingId, {
    by: body.acceptedBy,
    reason: body.reason,
  });
  return { ...findingView(finding), connectionId: finding.connectionId };
});
