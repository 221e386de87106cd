// API tokens with a lifecycle (issue 13, M2): name, scope, last use, expiry, revocation, and the
// bootstrap token of IDC_SYNC_ADMIN_TOKEN. Only each token's sha-256 is stored.
import type { Selectable } from "kysely";
import type { Principal, TokenInfo, TokenScope } from "../domain/access.js";
import { tokenActive } from "../domain/access.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { hashApiToken, newApiToken } from "../domain/organization.js";
import type { StoreContext } from "./context.js";
import { newId, nowIso } from "./context.js";
import { isUniqueViolation } from "./dialect.js";
import type { ApiTokensTable } from "./schema.js";
import type { NewToken } from "./security-port.js";
import { getOrganization } from "./store-tenancy.js";

const MIN_GIVEN_TOKEN_LENGTH = 20;
/** Last use is noted at most this often: a busy client does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

export function tokenInfo(row: Selectable<ApiTokensTable>): TokenInfo {
  return {
    id: row.id,
    organizationId: row.organization_id,
    name: row.label,
    scope: row.scope === "read" ? "read" : "admin",
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    bootstrap: row.bootstrap === 1,
  };
}

export async function createToken(
  ctx: StoreContext,
  orgId: string,
  input: NewToken,
): Promise<{ token: string; info: TokenInfo }> {
  await getOrganization(ctx, orgId);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new ValidationError("name", "name must be 1 to 100 characters; say what the token is for");
  }
  if (input.token !== undefined && input.token.length < MIN_GIVEN_TOKEN_LENGTH) {
    throw new ValidationError(
      "token",
      `token must be at least ${MIN_GIVEN_TOKEN_LENGTH} characters; use a long random value`,
    );
  }
  const token = input.token ?? newApiToken();
  const row = {
    id: newId(),
    organization_id: orgId,
    label: name,
    token_hash: hashApiToken(token),
    created_at: nowIso(ctx),
    scope: input.scope,
    last_used_at: null,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
    bootstrap: input.bootstrap === true ? 1 : 0,
  };
  try {
    await ctx.db.insertInto("api_tokens").values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError("this token is already registered; choose another");
    throw err;
  }
  return { token, info: tokenInfo(row) };
}

export async function listTokens(ctx: StoreContext, orgId: string): Promise<TokenInfo[]> {
  const rows = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("organization_id", "=", orgId)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map(tokenInfo);
}

export async function revokeToken(ctx: StoreContext, orgId: string, tokenId: string): Promise<TokenInfo> {
  await ctx.db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso(ctx) })
    .where("id", "=", tokenId)
    .where("organization_id", "=", orgId)
    .where("revoked_at", "is", null)
    .execute();
  const row = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", tokenId)
    .where("organization_id", "=", orgId)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`token ${tokenId} not found`);
  return tokenInfo(row);
}

/** Notes a use (at most once a TOUCH_INTERVAL); best effort: a full disk must not refuse reads. */
export async function touch(
  ctx: StoreContext,
  table: "api_tokens" | "web_sessions",
  column: "last_used_at" | "last_seen_at",
  id: string,
  last: string | null,
): Promise<void> {
  const now = ctx.now();
  if (last !== null && now.getTime() - Date.parse(last) < TOUCH_INTERVAL_MS) return;
  try {
    // Not worth a wait: while a sync's thread commits, the use is noted by a later request.
    await ctx.dialect.writeIfFree(ctx.db, (conn) =>
      conn
        .updateTable(table)
        .set({ [column]: now.toISOString() })
        .where("id", "=", id)
        .execute(),
    );
  } catch {
    // The use is not noted; the request goes on.
  }
}

export async function principalOfTokenRow(
  ctx: StoreContext,
  row: Selectable<ApiTokensTable>,
  sessionId: string | null,
): Promise<Principal | null> {
  if (!tokenActive({ revokedAt: row.revoked_at, expiresAt: row.expires_at }, ctx.now())) return null;
  const organization = await getOrganization(ctx, row.organization_id);
  return {
    organization,
    tokenId: row.id,
    tokenName: row.label,
    scope: (row.scope === "read" ? "read" : "admin") satisfies TokenScope,
    sessionId,
  };
}

export async function authenticateToken(ctx: StoreContext, token: string): Promise<Principal | null> {
  if (token.length === 0 || token.length > 500) return null;
  const row = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", hashApiToken(token))
    .executeTakeFirst();
  if (row === undefined) return null;
  const principal = await principalOfTokenRow(ctx, row, null);
  if (principal !== null) await touch(ctx, "api_tokens", "last_used_at", row.id, row.last_used_at);
  return principal;
}

export async function ensureBootstrapToken(
  ctx: StoreContext,
  orgId: string,
  token: string,
): Promise<{ info: TokenInfo; revoked: number }> {
  const hash = hashApiToken(token);
  let row = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", hash)
    .executeTakeFirst();
  if (row !== undefined && row.organization_id !== orgId) {
    throw new ConflictError(
      "IDC_SYNC_ADMIN_TOKEN is already registered for another organization; choose another value",
    );
  }
  if (row?.revoked_at != null) {
    // A revoked secret stays revoked; silently keeping the variable would leave no way to sign in.
    throw new ValidationError(
      "IDC_SYNC_ADMIN_TOKEN",
      "IDC_SYNC_ADMIN_TOKEN holds a token that was revoked; set a new long random value and start again",
    );
  }
  if (row === undefined) {
    const created = await createToken(ctx, orgId, {
      name: "admin (IDC_SYNC_ADMIN_TOKEN)",
      scope: "admin",
      bootstrap: true,
      token,
    });
    row = await ctx.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("id", "=", created.info.id)
      .executeTakeFirstOrThrow();
  } else if (row.bootstrap !== 1) {
    await ctx.db.updateTable("api_tokens").set({ bootstrap: 1 }).where("id", "=", row.id).execute();
  }
  // The earlier values of IDC_SYNC_ADMIN_TOKEN stop working.
  const result = await ctx.db
    .updateTable("api_tokens")
    .set({ revoked_at: nowIso(ctx) })
    .where("organization_id", "=", orgId)
    .where("bootstrap", "=", 1)
    .where("id", "!=", row.id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const info = tokenInfo({ ...row, bootstrap: 1 });
  return { info, revoked: Number(result.numUpdatedRows) };
}
