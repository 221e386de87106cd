// Tenancy: organizations and their API tokens.
import type { ApiTokenInfo, Organization } from "../domain/organization.js";

export interface TenancyPort {
  createOrganization(name: string): Promise<Organization>;
  /** The default organization of a single-organization install, created on first call. */
  ensureDefaultOrganization(): Promise<{ organization: Organization; created: boolean }>;
  getOrganization(orgId: string): Promise<Organization>;
  listOrganizations(): Promise<Organization[]>;
  /** Returns the plaintext once; only its sha-256 is stored. `token` registers a given one instead. */
  createApiToken(
    orgId: string,
    label: string,
    token?: string,
  ): Promise<{ token: string; info: ApiTokenInfo }>;
  findOrganizationByToken(token: string): Promise<Organization | null>;
}
