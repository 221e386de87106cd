import { findingView } from "../../domain/findings/view.js";
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { noteAudit } from "../audit.js";

export default defineRoute(routes.acceptFinding, async ({ org, principal, params, body, req, deps }) => {
  const finding = await deps.store.acceptFinding(org.id, params.connectionId, params.findingId, {
    by: body.acceptedBy,
    reason: body.reason,
  });
  noteAudit(req, principal, "finding.accepted", params.findingId, {
    connectionId: params.connectionId,
    acceptedBy: body.acceptedBy,
  });
  return { ...findingView(finding), connectionId: finding.connectionId };
});
