// Organizations and API tokens.
import type { Selectable } from "kysely";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { ApiTokenInfo, Organization } from "../domain/organization.js";
import {
  DEFAULT_ORGANIZATION_NAME,
  hashApiToken,
  newApiToken,
  newExternalId,
} from "../domain/organization.js";
import type { StoreContext } from "./context.js";
import { newId, nowIso } from "./context.js";
import { isUniqueViolation } from "./dialect.js";
import type { OrganizationsTable } from "./schema.js";

const MIN_GIVEN_TOKEN_LENGTH = 20;

function organization(row: Selectable<OrganizationsTable>): Organization {
  return {
    id: row.id,
    name: row.name,
    externalId: row.external_id,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) {
    throw new ValidationError("name", "organization name must be 1 to 200 characters; give a name");
  }
  return trimmed;
}

async function insertOrganization(
  ctx: StoreContext,
  name: string,
  isDefault: boolean,
): Promise<Organization> {
  const row = {
    id: newId(),
    name: checkName(name),
    external_id: newExternalId(),
    is_default: isDefault ? 1 : 0,
    created_at: nowIso(ctx),
  };
  await ctx.db.insertInto("organizations").values(row).execute();
  return organization(row);
}

export function createOrganization(ctx: StoreContext, name: string): Promise<Organization> {
  return insertOrganization(ctx, name, false);
}

export async function ensureDefaultOrganization(
  ctx: StoreContext,
): Promise<{ organization: Organization; created: boolean }> {
  const findDefault = () =>
    ctx.db.selectFrom("organizations").selectAll().where("is_default", "=", 1).executeTakeFirst();
  const existing = await findDefault();
  if (existing !== undefined) return { organization: organization(existing), created: false };
  try {
    return { organization: await insertOrganization(ctx, DEFAULT_ORGANIZATION_NAME, true), created: true };
  } catch (err) {
    // Another process created it between our read and insert: the unique index kept it single.
    const winner = isUniqueViolation(err) ? await findDefault() : undefined;
    if (winner === undefined) throw err;
    return { organization: organization(winner), created: false };
  }
}

export async function getOrganization(ctx: StoreContext, orgId: string): Promise<Organization> {
  const row = await ctx.db.selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
  if (row === undefined) throw new NotFoundError(`organization ${orgId} not found`);
  return organization(row);
}

export async function listOrganizations(ctx: StoreContext): Promise<Organization[]> {
  const rows = await ctx.db
    .selectFrom("organizations")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(organization);
}

export async function createApiToken(
  ctx: StoreContext,
  orgId: string,
  label: string,
  given?: string,
): Promise<{ token: string; info: ApiTokenInfo }> {
  await getOrganization(ctx, orgId);
  if (given !== undefined && given.length < MIN_GIVEN_TOKEN_LENGTH) {
    throw new ValidationError(
      "token",
      `token must be at least ${MIN_GIVEN_TOKEN_LENGTH} characters; use a long random value`,
    );
  }
  const token = given ?? newApiToken();
  const tokenHash = hashApiToken(token);
  const row = {
    id: newId(),
    organization_id: orgId,
    label: label.trim() || "token",
    token_hash: tokenHash,
    created_at: nowIso(ctx),
  };
  try {
    await ctx.db.insertInto("api_tokens").values(row).execute();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A given token registered before (e.g. IDC_SYNC_ADMIN_TOKEN at every start): fine for the same org.
    const existing = await ctx.db
      .selectFrom("api_tokens")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirstOrThrow();
    if (existing.organization_id !== orgId) {
      throw new ConflictError(
        "this token is already registered for another organization; choose another token",
      );
    }
    return { token, info: tokenInfo(existing) };
  }
  return { token, info: tokenInfo(row) };
}

function tokenInfo(row: {
  id: string;
  organization_id: string;
  label: string;
  created_at: string;
}): ApiTokenInfo {
  return { id: row.id, organizationId: row.organization_id, label: row.label, createdAt: row.created_at };
}

export async function findOrganizationByToken(
  ctx: StoreContext,
  token: string,
): Promise<Organization | null> {
  if (token.length === 0) return null;
  const row = await ctx.db
    .selectFrom("api_tokens")
    .innerJoin("organizations", "organizations.id", "api_tokens.organization_id")
    .selectAll("organizations")
    .where("api_tokens.token_hash", "=", hashApiToken(token))
    .executeTakeFirst();
  return row === undefined ? null : organization(row);
}
