// Tenants and their API tokens. The external id is the sts:ExternalId a customer puts into the
// trust policy of the role they create for us: generated here only, never chosen or changed.
import { createHash, randomBytes } from "node:crypto";

export interface Organization {
  id: string;
  name: string;
  /** Random, 45 characters, valid as an STS ExternalId; unique across organizations. */
  externalId: string;
  /** True for the organization a single-organization install creates on first use. */
  isDefault: boolean;
  createdAt: string;
}

/** A stored API token: the plaintext is shown once at creation and never stored. */
export interface ApiTokenInfo {
  id: string;
  organizationId: string;
  label: string;
  createdAt: string;
}

/** STS ExternalId characters (`[\w+=,.@:/-]`, 2–1224 long); ours are at least 32 long. */
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{32,1224}$/;

/** The one function that makes organization external ids: 240 random bits. */
export function newExternalId(): string {
  return `idcs-${randomBytes(30).toString("base64url")}`;
}

/** A new API token's plaintext: 256 random bits. */
export function newApiToken(): string {
  return `idcs_${randomBytes(32).toString("base64url")}`;
}

/** How tokens are stored: tokens carry 256 random bits, so a plain sha-256 suffices (no salt/KDF). */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const DEFAULT_ORGANIZATION_NAME = "Default organization";
