// Contract schemas of API token management (issue 13, M2): list, create (the plaintext is in the
// answer once), revoke. Admin tokens only.
import { z } from "zod";
import { idParam, isoTime, nullableIsoTime } from "./common.js";

export const tokenScopeSchema = z.enum(["read", "admin"]);

export const tokenInfoSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scope: tokenScopeSchema,
    createdAt: isoTime,
    lastUsedAt: nullableIsoTime.meta({ description: "Noted at most once a minute" }),
    expiresAt: nullableIsoTime,
    revokedAt: nullableIsoTime,
    /** Registered from IDC_SYNC_ADMIN_TOKEN: a new value of the variable revokes it. */
    bootstrap: z.boolean(),
    /** Not revoked and not expired. */
    active: z.boolean(),
    /** The token this request is made with (or whose session it is). */
    current: z.boolean(),
  })
  .meta({ id: "ApiToken" });
export type TokenInfoView = z.infer<typeof tokenInfoSchema>;

export const tokenListResponse = z.object({ items: z.array(tokenInfoSchema) }).meta({ id: "ApiTokenList" });
export type TokenListResponse = z.infer<typeof tokenListResponse>;

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1, "say what the token is for").max(100),
  scope: tokenScopeSchema.default("read"),
  /** Days until it stops working; omitted: it works until revoked. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateTokenBody = z.input<typeof createTokenBody>;

export const createdTokenResponse = z
  .object({
    /** The token itself: shown this once, only its hash is stored. */
    token: z.string(),
    info: tokenInfoSchema,
  })
  .meta({ id: "CreatedApiToken" });
export type CreatedTokenResponse = z.infer<typeof createdTokenResponse>;

export const tokenParams = z.strictObject({ tokenId: idParam });

export const tokenRoutes = {
  listTokens: {
    method: "GET",
    path: "/api/tokens",
    summary: "The organization's API tokens (never their values): name, scope, created, last used, expiry",
    auth: true,
    scope: "admin",
    status: 200,
    response: tokenListResponse,
  },
  createToken: {
    method: "POST",
    path: "/api/tokens",
    summary: "Create an API token (read or admin, optional expiry); its value is in this answer only",
    auth: true,
    body: createTokenBody,
    status: 201,
    response: createdTokenResponse,
  },
  revokeToken: {
    method: "DELETE",
    path: "/api/tokens/:tokenId",
    summary: "Revoke an API token: it and every web session it signed in stop working at once",
    auth: true,
    params: tokenParams,
    status: 204,
    response: null,
  },
} as const;
