// The organization as the API shows it (the external id is not a secret: it goes into AWS policies).
import type { Organization as DomainOrganization } from "../domain/organization.js";
import type { Organization } from "./api-contract.js";

export function organizationView(o: DomainOrganization): Organization {
  return { id: o.id, name: o.name, externalId: o.externalId, createdAt: o.createdAt };
}
