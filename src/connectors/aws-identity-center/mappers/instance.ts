// Pure mappers for the Identity Center instance.
import type { InstanceMetadata } from "@aws-sdk/client-sso-admin";
import type { InstanceInfo, InstanceType } from "../../../domain/model.js";

/**
 * What DescribeOrganization told us about the caller's organization: its management account, or
 * "none" when the account is in no organization (AWSOrganizationsNotInUseException), or undefined
 * when it could not be read (denied).
 */
export type OrganizationFact = { managementAccountId: string | undefined } | "none" | undefined;

/**
 * AWS reports no instance type. An organization instance is owned by the organization's
 * management account; an instance owned by any other account, or by an account outside any
 * organization, is an account instance. Unknown (null) when the organization could not be read.
 */
export function instanceTypeOf(
  ownerAccountId: string | undefined,
  organization: OrganizationFact,
): InstanceType | null {
  if (organization === "none") return "ACCOUNT";
  if (
    organization === undefined ||
    organization.managementAccountId === undefined ||
    ownerAccountId === undefined
  ) {
    return null;
  }
  return organization.managementAccountId === ownerAccountId ? "ORGANIZATION" : "ACCOUNT";
}

export function mapInstance(
  metadata: Pick<InstanceMetadata, "InstanceArn" | "IdentityStoreId" | "OwnerAccountId" | "Name" | "Status">,
  type: InstanceType | null,
): InstanceInfo {
  if (metadata.InstanceArn === undefined || metadata.IdentityStoreId === undefined) {
    throw new TypeError("SSO Admin returned an instance without InstanceArn or IdentityStoreId");
  }
  return {
    instanceArn: metadata.InstanceArn,
    identityStoreId: metadata.IdentityStoreId,
    ownerAccountId: metadata.OwnerAccountId ?? null,
    name: metadata.Name ?? null,
    status: metadata.Status ?? null,
    type,
  };
}
