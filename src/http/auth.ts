// Who is calling (issue 13, M2): a bearer token (`Authorization: Bearer <token>`) or the web
// session cookie POST /api/session set. The cookie holds a random session id, not the token: the
// session is stored hashed, ends when idle or at its absolute end, and sign-out revokes it. Either
// way the request acts as one token (its scope) of one organization. Failed attempts count
// against the failed-authentication limit (auth-limit.ts).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Principal } from "../domain/access.js";
import { SESSION_COOKIE } from "./api-contract.js";
import type { HttpDeps } from "./deps.js";
import { UnauthorizedError } from "./errors.js";

type Credential = { kind: "token" | "session"; value: string };

/** The credential the request carries, if any: the Authorization header wins over the cookie. */
export function credentialOf(req: FastifyRequest): Credential | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] === undefined) {
      throw new UnauthorizedError("the Authorization header must be 'Bearer <token>'");
    }
    return { kind: "token", value: match[1] };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  return cookie === undefined || cookie === "" ? undefined : { kind: "session", value: cookie };
}

export async function authenticate(req: FastifyRequest, deps: HttpDeps): Promise<Principal> {
  const limiter = req.server.authLimiter;
  let credential;
  try {
    credential = credentialOf(req);
  } catch (err) {
    await limiter.assertAllowed(req, undefined);
    await limiter.recordFailure(req, undefined);
    throw err;
  }
  if (credential === undefined) {
    throw new UnauthorizedError(
      "sign in: send 'Authorization: Bearer <token>' or sign in through POST /api/session",
    );
  }
  if (credential.kind === "token") {
    return principalOfToken(req, deps, credential.value, "the access token is not valid; sign in again");
  }
  await limiter.assertAllowed(req, credential.value);
  const principal = await deps.store.authenticateSession(credential.value, deps.sessionLimits);
  if (principal === null) {
    await limiter.recordFailure(req, credential.value);
    throw new UnauthorizedError(
      "the session has ended (signed out, expired or its token revoked); sign in again",
    );
  }
  return principal;
}

/** The token's principal; a wrong, revoked or expired token counts against the limit. */
export async function principalOfToken(
  req: FastifyRequest,
  deps: HttpDeps,
  token: string,
  refusal: string,
): Promise<Principal> {
  await req.server.authLimiter.assertAllowed(req, token);
  const principal = await deps.store.authenticateToken(token);
  if (principal === null) {
    await req.server.authLimiter.recordFailure(req, token);
    throw new UnauthorizedError(refusal);
  }
  return principal;
}

function cookieOptions(req: FastifyRequest) {
  return {
    path: "/api",
    httpOnly: true,
    sameSite: "strict" as const,
    secure: req.protocol === "https",
  };
}

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  sessionId: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions(req), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
}
