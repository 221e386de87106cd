// Cross-site request forgery defence (issue 13, L3), in front of every route. A browser tells
// where a request comes from (Sec-Fetch-Site, Origin): a state-changing request another site
// caused is refused whatever it carries. A cookie-authenticated one must moreover prove it comes
// from the app itself: SameSite=Strict alone is not enough (an older browser, a sibling subdomain).
// Bearer-token callers (the CLI, scripts) send neither header and are not browsers' ambient
// credentials, so they pass.
import type { FastifyRequest } from "fastify";
import { SESSION_COOKIE } from "./api-contract.js";
import { ForbiddenError } from "./errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

type Verdict = "same" | "foreign" | "unknown";

/** What the browser's headers say about the request's origin. */
function originOf(req: FastifyRequest): Verdict {
  const site = req.headers["sec-fetch-site"];
  if (typeof site === "string") {
    // "none": the user typed or bookmarked it; no other site was involved.
    if (site === "same-origin" || site === "none") return "same";
    return "foreign";
  }
  const origin = req.headers.origin;
  if (typeof origin === "string") {
    if (origin === "null") return "foreign";
    try {
      // Both sides through URL, so that a default port (":80") compares equal to none.
      return new URL(origin).origin === new URL(`${req.protocol}://${req.host}`).origin ? "same" : "foreign";
    } catch {
      return "foreign";
    }
  }
  return "unknown";
}

export function checkOrigin(req: FastifyRequest, _reply: unknown, done: (err?: Error) => void): void {
  try {
    assertSameOrigin(req);
    done();
  } catch (err) {
    done(err as Error);
  }
}

function assertSameOrigin(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const verdict = originOf(req);
  if (verdict === "foreign") {
    throw new ForbiddenError(
      "cross_origin",
      "this request came from another site; use idc-sync's own pages, or send an Authorization: Bearer token",
    );
  }
  const byCookie = req.headers.authorization === undefined && req.cookies[SESSION_COOKIE] !== undefined;
  if (byCookie && verdict === "unknown") {
    throw new ForbiddenError(
      "cross_origin",
      "a signed-in browser request must say where it comes from (Origin or Sec-Fetch-Site); use idc-sync's own pages, or send an Authorization: Bearer token",
    );
  }
}
