import { routes, type Integration } from "../api-contract.js";
import { defineRoute } from "../define-route.js";
import { connectionView } from "../views.js";

// Worst first: the tile shows the state that needs attention.
const severity: Integration["state"][] = ["error", "syncing", "pending", "connected"];

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
      },
    ],
  };
});
