// Who is calling: a bearer token (`Authorization: Bearer <token>`) or the session cookie that
// POST /api/session set. Either way the token maps to exactly one organization.
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Organization } from "../domain/organization.js";
import type { Store } from "../store/store.js";
import { SESSION_COOKIE } from "./api-contract.js";
import { UnauthorizedError } from "./errors.js";

/** The token the request carries, if any: the Authorization header wins over the cookie. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] === undefined) {
      throw new UnauthorizedError("the Authorization header must be 'Bearer <token>'");
    }
    return match[1];
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie === undefined || cookie === "" ? undefined : cookie;
}

export async function authenticate(req: FastifyRequest, store: Store): Promise<Organization> {
  let token;
  try {
    token = tokenOf(req);
  } catch (err) {
    await req.server.authLimiter.assertAllowed(req, undefined);
    await req.server.authLimiter.recordFailure(req, undefined);
    throw err;
  }
  if (token === undefined) {
    throw new UnauthorizedError(
      "sign in: send 'Authorization: Bearer <token>' or sign in through POST /api/session",
    );
  }
  return organizationOfToken(req, store, token, "the access token is not valid; sign in again");
}

/** The token's organization; a wrong token counts against the failed-authentication limit. */
export async function organizationOfToken(
  req: FastifyRequest,
  store: Store,
  token: string,
  refusal: string,
): Promise<Organization> {
  await req.server.authLimiter.assertAllowed(req, token);
  const organization = token.length > 500 ? null : await store.findOrganizationByToken(token);
  if (organization === null) {
    await req.server.authLimiter.recordFailure(req, token);
    throw new UnauthorizedError(refusal);
  }
  return organization;
}

function cookieOptions(req: FastifyRequest) {
  return {
    path: "/api",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: req.protocol === "https",
  };
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(req));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
}
