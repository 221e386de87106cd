// The Fastify server: the JSON API under /api and the built web app at /.
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { LoggerOptions } from "pino";
import { DEFAULT_AUTH_LIMITS, registerAuthLimiter, type AuthLimits } from "./auth-limit.js";
import type { HttpDeps } from "./deps.js";
import { errorHandler, notFoundHandler } from "./errors.js";
import { registerAuditLog } from "./audit.js";
import { checkOrigin } from "./origin-check.js";
import { allRoutes } from "./routes/index.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { webFallbackHandler } from "./web-fallback.js";

/** Never in a log line: tokens, cookies, AWS credentials. */
export const LOG_REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "token",
  "body.token",
  "*.secretAccessKey",
  "*.sessionToken",
  "*.SecretAccessKey",
  "*.SessionToken",
];

/** pino options, plus where the lines go (default stdout). */
export type HttpLoggerOptions = LoggerOptions & { stream?: { write(line: string): void } };

export interface ServerOptions {
  /** pino options; false: no log (tests). Redaction of secrets is added here. */
  logger: HttpLoggerOptions | false;
  /** The built web app (index.html and assets); null or missing: a page saying how to build it. */
  webRoot: string | null;
  /**
   * Fastify's trustProxy (config IDC_SYNC_TRUST_PROXY): which proxies' X-Forwarded-* headers to
   * believe, so that behind a TLS-terminating proxy the protocol is https (Secure cookies) and the
   * source address (the sign-in limit's key) is the client's. Default false.
   */
  trustProxy?: boolean | number | string[];
  /** The failed-authentication limit (default 20 per source and per token prefix per minute). */
  authLimits?: AuthLimits;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>idc-sync</title>
<h1>idc-sync</h1><p>The API runs at <a href="/api/openapi.json">/api/openapi.json</a>.
The web app is not built: run <code>npm run build</code>, then start again.</p>`;

export async function buildServer(deps: HttpDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { ...options.logger, redact: LOG_REDACT_PATHS },
    // Tokens are long random strings; nothing legitimate needs a bigger body than a few KiB.
    bodyLimit: 64 * 1024,
    // A number of hops as the function proxy-addr makes of it (Fastify's types take no number).
    trustProxy:
      typeof options.trustProxy === "number"
        ? (
            (hops: number) => (_addr: string, i: number) =>
              i < hops
          )(options.trustProxy)
        : (options.trustProxy ?? false),
  });
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app);
  await registerAuthLimiter(app, options.authLimits ?? DEFAULT_AUTH_LIMITS);
  app.setErrorHandler(errorHandler);
  app.addHook("onRequest", checkOrigin);
  registerAuditLog(app, deps.store);

  for (const route of allRoutes) route.register(app, deps);

  const webRoot = options.webRoot;
  const webBuilt = webRoot !== null && existsSync(join(webRoot, "index.html"));
  app.setNotFoundHandler(webBuilt ? webFallbackHandler : notFoundHandler);
  if (webBuilt) {
    await app.register(fastifyStatic, { root: webRoot, prefix: "/", wildcard: false, index: "index.html" });
  } else {
    app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(NOT_BUILT));
  }
  app.addHook("onSend", async (req, reply, payload) => {
    if (req.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    reply.header("x-content-type-options", "nosniff");
    return payload;
  });
  return app;
}
