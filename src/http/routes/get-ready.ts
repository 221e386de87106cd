// Readiness for an orchestrator: 200 when the database (and, on PostgreSQL, the job queue)
// answers; else 503 with the same body saying which does not, so traffic goes elsewhere meanwhile.
import { routes, type ReadyReport } from "../api-contract.js";
import type { RouteDefinition } from "../define-route.js";

const route: RouteDefinition = {
  contract: routes.getReady,
  register(app, deps) {
    app.get(routes.getReady.path, async (_req, reply) => {
      const database = await deps.store.listOrganizations().then(
        () => "ok" as const,
        () => "unreachable" as const,
      );
      const queue =
        deps.queueReachable === undefined
          ? ("not_used" as const)
          : (await deps.queueReachable().catch(() => false))
            ? ("ok" as const)
            : ("unreachable" as const);
      const ready = database === "ok" && queue !== "unreachable";
      const body: ReadyReport = { status: ready ? "ready" : "not_ready", database, queue };
      return reply.status(ready ? 200 : 503).send(body);
    });
  },
};
export default route;
