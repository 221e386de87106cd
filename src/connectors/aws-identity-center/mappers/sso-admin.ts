// Pure mappers from SSO Admin SDK shapes to the domain model.
import type {
  AccountAssignment,
  AttachedManagedPolicy,
  CustomerManagedPolicyReference,
  PermissionSet as AwsPermissionSet,
  PermissionsBoundary as AwsPermissionsBoundary,
} from "@aws-sdk/client-sso-admin";
import type {
  Assignment,
  CustomerManagedPolicyRef,
  PermissionSet,
  PermissionsBoundary,
} from "../../../domain/model.js";
import { canonicalPermissionSet } from "../../../domain/canonical.js";

/** IAM's default path, which AWS applies when a reference is created without one. */
const DEFAULT_PATH = "/";

export function mapCustomerManagedPolicy(
  ref: Pick<CustomerManagedPolicyReference, "Name" | "Path">,
): CustomerManagedPolicyRef | null {
  if (ref.Name === undefined) return null;
  return { name: ref.Name, path: ref.Path ?? DEFAULT_PATH };
}

/** Null where no boundary is attached (AWS answers that with ResourceNotFoundException or nothing). */
export function mapBoundary(boundary: AwsPermissionsBoundary | undefined): PermissionsBoundary | null {
  if (boundary?.ManagedPolicyArn !== undefined) {
    return { type: "MANAGED", managedPolicyArn: boundary.ManagedPolicyArn };
  }
  const ref = boundary?.CustomerManagedPolicyReference;
  if (ref?.Name !== undefined)
    return { type: "CUSTOMER_MANAGED", name: ref.Name, path: ref.Path ?? DEFAULT_PATH };
  return null;
}

/** Everything read about one permission set, as the SDK returned it. */
export interface PermissionSetParts {
  arn: string;
  described:
    | Pick<AwsPermissionSet, "Name" | "Description" | "SessionDuration" | "RelayState" | "CreatedDate">
    | undefined;
  managedPolicies: readonly Pick<AttachedManagedPolicy, "Arn">[];
  customerManagedPolicies: readonly Pick<CustomerManagedPolicyReference, "Name" | "Path">[];
  /** GetInlinePolicyForPermissionSet's `InlinePolicy`: absent or "" when there is none. */
  inlinePolicy: string | undefined;
  boundary: AwsPermissionsBoundary | undefined;
  tags: Record<string, string>;
}

export function mapPermissionSet(parts: PermissionSetParts): PermissionSet {
  const d = parts.described;
  return canonicalPermissionSet({
    arn: parts.arn,
    name: d?.Name ?? "",
    description: d?.Description ?? null,
    sessionDuration: d?.SessionDuration ?? null,
    relayState: d?.RelayState ?? null,
    managedPolicies: parts.managedPolicies.flatMap((p) => (p.Arn === undefined ? [] : [p.Arn])),
    customerManagedPolicies: parts.customerManagedPolicies.flatMap((r) => {
      const mapped = mapCustomerManagedPolicy(r);
      return mapped === null ? [] : [mapped];
    }),
    inlinePolicy: parts.inlinePolicy === undefined || parts.inlinePolicy === "" ? null : parts.inlinePolicy,
    permissionsBoundary: mapBoundary(parts.boundary),
    tags: parts.tags,
    createdDate: d?.CreatedDate?.toISOString() ?? null,
  });
}

/**
 * An assignment from ListAccountAssignments or ListAccountAssignmentsForPrincipal (same four
 * members). Null for an incomplete row or a principal type other than USER and GROUP.
 */
export function mapAssignment(
  a: Pick<AccountAssignment, "AccountId" | "PermissionSetArn" | "PrincipalType" | "PrincipalId">,
): Assignment | null {
  if (a.AccountId === undefined || a.PermissionSetArn === undefined || a.PrincipalId === undefined)
    return null;
  if (a.PrincipalType !== "USER" && a.PrincipalType !== "GROUP") return null;
  return {
    accountId: a.AccountId,
    permissionSetArn: a.PermissionSetArn,
    principalType: a.PrincipalType,
    principalId: a.PrincipalId,
  };
}
