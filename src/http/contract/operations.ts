// Operations routes for an orchestrator and a metrics scraper: liveness, readiness, Prometheus.
import { z } from "zod";
import { connectionParams } from "./connections.js";

export const healthResponse = z.object({ status: z.literal("ok") });

export const readyResponse = z.object({
  status: z.enum(["ready", "not_ready"]),
  database: z.enum(["ok", "unreachable"]),
  /** "not_used": the embedded scheduler (SQLite) has no queue. */
  queue: z.enum(["ok", "unreachable", "not_used"]),
});
export type ReadyReport = z.infer<typeof readyResponse>;

export const cancelSyncResponse = z.object({
  /** False when no sync of the connection was running. */
  cancelled: z.boolean(),
});

export const operationsRoutes = {
  cancelSync: {
    method: "POST",
    path: "/api/connections/:connectionId/sync/cancel",
    summary:
      "Cancel the connection's running sync, wherever it runs: it stops within seconds and changes nothing stored",
    auth: true,
    params: connectionParams,
    status: 202,
    response: cancelSyncResponse,
  },
  getHealth: {
    method: "GET",
    path: "/api/health",
    summary: "Liveness: answers 200 while the process serves requests (no database access)",
    auth: false,
    status: 200,
    response: healthResponse,
  },
  getReady: {
    method: "GET",
    path: "/api/ready",
    summary: "Readiness: 200 when the database and the job queue answer, else 503 with what does not",
    auth: false,
    status: 200,
    response: readyResponse,
  },
  getMetrics: {
    method: "GET",
    path: "/metrics",
    summary: "Prometheus metrics (text exposition format)",
    auth: false,
    status: 200,
    response: z.string(),
  },
} as const;
