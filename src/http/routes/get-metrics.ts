// Prometheus metrics in the text exposition format (no token: bind the service, or filter the
// path at the proxy, where scrapers alone may reach it). They carry counts and timings, no names.
import { routes } from "../api-contract.js";
import type { RouteDefinition } from "../define-route.js";
import { notFoundHandler } from "../errors.js";

const route: RouteDefinition = {
  contract: routes.getMetrics,
  register(app, deps) {
    app.get(routes.getMetrics.path, async (req, reply) => {
      const metrics = deps.metrics;
      if (metrics === undefined) return notFoundHandler(req, reply);
      const text = await metrics.text();
      return reply.type(metrics.contentType()).send(text);
    });
  },
};
export default route;
