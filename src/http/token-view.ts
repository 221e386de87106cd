// An API token as the API shows it (never its value).
import type { Principal, TokenInfo } from "../domain/access.js";
import { tokenActive } from "../domain/access.js";
import type { TokenInfoView } from "./api-contract.js";

export function tokenView(t: TokenInfo, principal: Principal, now = new Date()): TokenInfoView {
  return {
    id: t.id,
    name: t.name,
    scope: t.scope,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    revokedAt: t.revokedAt,
    bootstrap: t.bootstrap,
    active: tokenActive(t, now),
    current: t.id === principal.tokenId,
  };
}
