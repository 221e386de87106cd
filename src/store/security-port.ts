// Security: API tokens with a lifecycle and web sessions (issue 13, M2). Implemented in
// store-tokens.ts and store-sessions.ts.
import type { Principal, SessionLimits, TokenInfo, TokenScope } from "../domain/access.js";

export interface NewToken {
  name: string;
  scope: TokenScope;
  expiresAt?: string | null;
  /** Registered from IDC_SYNC_ADMIN_TOKEN. */
  bootstrap?: boolean;
  /** A given plaintext (IDC_SYNC_ADMIN_TOKEN); default a new random token. */
  token?: string;
}

export interface SecurityPort {
  /** Returns the plaintext once; only its sha-256 is stored. */
  createToken(orgId: string, input: NewToken): Promise<{ token: string; info: TokenInfo }>;
  /** The organization's tokens, revoked and expired ones included, newest first. */
  listTokens(orgId: string): Promise<TokenInfo[]>;
  /** Revokes the token (and so every session it signed in). NotFoundError outside the organization. */
  revokeToken(orgId: string, tokenId: string): Promise<TokenInfo>;
  /** The principal of an active token (not revoked, not expired), else null; notes its use. */
  authenticateToken(token: string): Promise<Principal | null>;
  /** Starts a web session for the principal's token; returns the session id (the cookie's value). */
  createSession(principal: Principal, limits: SessionLimits): Promise<string>;
  /** The principal of a live session whose token is still active, else null; notes its use. */
  authenticateSession(sessionId: string, limits: SessionLimits): Promise<Principal | null>;
  /** Ends the session (sign-out); an unknown one is ignored. */
  revokeSession(sessionId: string): Promise<void>;
  /**
   * Makes `token` (IDC_SYNC_ADMIN_TOKEN) the organization's bootstrap admin token: registers it if
   * new, and revokes the bootstrap tokens of earlier values. A value revoked before stays revoked.
   */
  ensureBootstrapToken(orgId: string, token: string): Promise<{ info: TokenInfo; revoked: number }>;
}
