// Liveness for an orchestrator: touches nothing but the event loop, so it answers while a sync
// (in its own thread) runs or the database is slow; restart the process when it stops answering.
import { routes } from "../api-contract.js";
import { defineRoute } from "../define-route.js";

export default defineRoute(routes.getHealth, () => ({ status: "ok" as const }));
