// History-API fallback: the web app's own routes (/integrations, /users/c/u, ...) are real paths,
// so a shared link or a reload asks the server for them. A GET for a page (not /api, not a file
// with an extension) answers index.html; everything else keeps the JSON 404 of errors.ts.
import type { FastifyReply, FastifyRequest } from "fastify";
import { notFoundHandler } from "./errors.js";

/** Whether a request that matched no route is a page of the web app. */
export function isAppRoute(req: FastifyRequest): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = req.url.split("?")[0] ?? "";
  if (path === "/api" || path.startsWith("/api/")) return false;
  // /assets/x.js, /favicon.ico: a missing file stays a 404 rather than HTML under a script's name.
  const last = path.slice(path.lastIndexOf("/") + 1);
  return !last.includes(".");
}

/** The not-found handler when the web app is built: index.html for its routes, JSON 404 otherwise. */
export function webFallbackHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!isAppRoute(req)) return notFoundHandler(req, reply);
  // Pages change with every build; the hashed assets they name are the ones to cache.
  return reply.header("cache-control", "no-cache").sendFile("index.html");
}
