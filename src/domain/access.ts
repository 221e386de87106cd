// Who is calling (issue 13, M2): every request acts as one API token of one organization, either
// directly (Authorization: Bearer) or through a web session a token signed in. Tokens have a
// scope: `read` may only read; `admin` may also change things (connections, syncs, tokens).
import { randomBytes } from "node:crypto";
import type { Organization } from "./organization.js";

export const TOKEN_SCOPES = ["read", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export interface TokenInfo {
  id: string;
  organizationId: string;
  name: string;
  scope: TokenScope;
  createdAt: string;
  /** Updated at most once a minute. */
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Registered from IDC_SYNC_ADMIN_TOKEN (a new value revokes the one before). */
  bootstrap: boolean;
}

export interface Principal {
  organization: Organization;
  tokenId: string;
  tokenName: string;
  scope: TokenScope;
  /** The web session the request came through (null: a bearer token). */
  sessionId: string | null;
}

export interface SessionLimits {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 };

/** A web session's id: the cookie's value, 256 random bits; only its sha-256 is stored. */
export function newSessionId(): string {
  return `idcss_${randomBytes(32).toString("base64url")}`;
}

/** Whether a token may be used at `now`. */
export function tokenActive(t: Pick<TokenInfo, "revokedAt" | "expiresAt">, now: Date): boolean {
  return t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > now.getTime());
}
