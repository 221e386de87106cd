import { routes, type FindingCountsView, type Integration } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { connectionView } from "../views.js";

// Worst first: the tile shows the state that needs attention.
const severity: Integration["state"][] = ["error", "syncing", "pending", "connected"];

function totalFindings(list: (FindingCountsView | null)[]): FindingCountsView {
  const total: FindingCountsView = { open: { high: 0, medium: 0, low: 0 }, accepted: 0, resolved: 0 };
  for (const c of list) {
    if (c === null) continue;
    total.open.high += c.open.high;
    total.open.medium += c.open.medium;
    total.open.low += c.open.low;
    total.accepted += c.accepted;
    total.resolved += c.resolved;
  }
  return total;
}

export default defineRoute(routes.listIntegrations, async ({ org, deps }) => {
  const connections = await Promise.all(
    (await deps.store.listConnections(org.id)).map((c) => connectionView(deps, c)),
  );
  const state =
    connections.length === 0
      ? "not_connected"
      : (severity.find((s) => connections.some((c) => c.state === s)) ?? "connected");
  return {
    items: [
      {
        key: "aws-identity-center" as const,
        name: "AWS Identity Center",
        description:
          "Users with their status, groups, AWS accounts, permission sets and effective access, " +
          "read through a read-only role.",
        state,
        connections,
        findings: totalFindings(connections.map((c) => c.findings)),
      },
    ],
  };
});
