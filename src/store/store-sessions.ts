// Web sessions (issue 13, M2): the cookie holds a random session id, the store its sha-256, the
// token that signed in (a revoked or expired token ends its sessions), the last use and the
// absolute end. Sign-out revokes the session: the same cookie no longer works.
import type { Principal, SessionLimits } from "../domain/access.js";
import { newSessionId } from "../domain/access.js";
import { hashApiToken } from "../domain/organization.js";
import type { StoreContext } from "./context.js";
import { newId, nowIso } from "./context.js";
import { principalOfTokenRow, touch } from "./store-tokens.js";

export async function createSession(
  ctx: StoreContext,
  principal: Principal,
  limits: SessionLimits,
): Promise<string> {
  const sessionId = newSessionId();
  const now = ctx.now();
  await ctx.db
    .insertInto("web_sessions")
    .values({
      id: newId(),
      session_hash: hashApiToken(sessionId),
      organization_id: principal.organization.id,
      token_id: principal.tokenId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + limits.absoluteMs).toISOString(),
      revoked_at: null,
    })
    .execute();
  return sessionId;
}

export async function authenticateSession(
  ctx: StoreContext,
  sessionId: string,
  limits: SessionLimits,
): Promise<Principal | null> {
  if (sessionId.length === 0 || sessionId.length > 500) return null;
  const session = await ctx.db
    .selectFrom("web_sessions")
    .selectAll()
    .where("session_hash", "=", hashApiToken(sessionId))
    .executeTakeFirst();
  if (session === undefined || session.revoked_at !== null) return null;
  const now = ctx.now().getTime();
  if (Date.parse(session.expires_at) <= now) return null;
  if (Date.parse(session.last_seen_at) + limits.idleMs <= now) return null;
  const token = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", session.token_id)
    .executeTakeFirst();
  if (token === undefined) return null;
  const principal = await principalOfTokenRow(ctx, token, session.id);
  if (principal === null) return null;
  await touch(ctx, "web_sessions", "last_seen_at", session.id, session.last_seen_at);
  await touch(ctx, "api_tokens", "last_used_at", token.id, token.last_used_at);
  return principal;
}

export async function revokeSession(ctx: StoreContext, sessionId: string): Promise<void> {
  await ctx.db
    .updateTable("web_sessions")
    .set({ revoked_at: nowIso(ctx) })
    .where("session_hash", "=", hashApiToken(sessionId))
    .where("revoked_at", "is", null)
    .execute();
}
