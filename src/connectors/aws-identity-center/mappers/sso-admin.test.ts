import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListTagsForResourceCommand,
  SSOAdminClient,
  type DescribePermissionSetCommandOutput,
  type GetInlinePolicyForPermissionSetCommandOutput,
  type GetPermissionsBoundaryForPermissionSetCommandOutput,
  type ListAccountAssignmentsCommandOutput,
  type ListAccountAssignmentsForPrincipalCommandOutput,
  type ListCustomerManagedPolicyReferencesInPermissionSetCommandOutput,
  type ListManagedPoliciesInPermissionSetCommandOutput,
  type ListTagsForResourceCommandOutput,
} from "@aws-sdk/client-sso-admin";
import { describe, expect, it } from "vitest";
import { replay } from "../../../../test/fixtures/recorded/replay.js";
import { tagsToRecord } from "./organizations.js";
import { mapAssignment, mapBoundary, mapPermissionSet } from "./sso-admin.js";

const INSTANCE = "arn:aws:sso:::instance/ssoins-7223c2d4f8a1b9e0";
const PS = "arn:aws:sso:::permissionSet/ssoins-7223c2d4f8a1b9e0/ps-3c5a9e1f7b2d4c60";
const ps = { InstanceArn: INSTANCE, PermissionSetArn: PS };

function sso<Out>(command: unknown, name: string): Promise<Out> {
  return replay<Out>(SSOAdminClient, command, name);
}

describe("sso-admin mappers on recorded responses", () => {
  it("maps a permission set with policies, inline policy, boundary and tags", async () => {
    const [described, managed, customer, inline, boundary, tags] = await Promise.all([
      sso<DescribePermissionSetCommandOutput>(
        new DescribePermissionSetCommand(ps),
        "sso-describe-permission-set",
      ),
      sso<ListManagedPoliciesInPermissionSetCommandOutput>(
        new ListManagedPoliciesInPermissionSetCommand(ps),
        "sso-list-managed-policies-in-permission-set",
      ),
      sso<ListCustomerManagedPolicyReferencesInPermissionSetCommandOutput>(
        new ListCustomerManagedPolicyReferencesInPermissionSetCommand(ps),
        "sso-list-customer-managed-policy-references-in-permission-set",
      ),
      sso<GetInlinePolicyForPermissionSetCommandOutput>(
        new GetInlinePolicyForPermissionSetCommand(ps),
        "sso-get-inline-policy-for-permission-set",
      ),
      sso<GetPermissionsBoundaryForPermissionSetCommandOutput>(
        new GetPermissionsBoundaryForPermissionSetCommand(ps),
        "sso-get-permissions-boundary-for-permission-set",
      ),
      sso<ListTagsForResourceCommandOutput>(
        new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: PS }),
        "sso-list-tags-for-resource",
      ),
    ]);
    const mapped = mapPermissionSet({
      arn: PS,
      described: described.PermissionSet,
      managedPolicies: managed.AttachedManagedPolicies ?? [],
      customerManagedPolicies: customer.CustomerManagedPolicyReferences ?? [],
      inlinePolicy: inline.InlinePolicy,
      boundary: boundary.PermissionsBoundary,
      tags: tagsToRecord(tags.Tags),
    });
    expect(mapped).toEqual({
      arn: PS,
      name: "AdministratorAccess",
      description: 'Full access — break-glass only, "approved" by CISO',
      sessionDuration: "PT1H",
      relayState: "https://eu-central-1.console.aws.amazon.com/console/home",
      managedPolicies: [
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
      ],
      customerManagedPolicies: [
        { name: "AllowS3Logs", path: "/" },
        { name: "deny-billing", path: "/guardrails/" },
      ],
      inlinePolicy:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}',
      permissionsBoundary: { type: "CUSTOMER_MANAGED", name: "boundary-developers", path: "/boundaries/" },
      tags: { "cost-center": "CC-1042", empty: "", owner: "platform@example.com" },
      createdDate: "2022-04-15T05:21:40.500Z",
    });
  });

  it("maps a bare permission set: empty inline policy and no boundary are null", async () => {
    const [described, inline] = await Promise.all([
      sso<DescribePermissionSetCommandOutput>(
        new DescribePermissionSetCommand(ps),
        "sso-describe-permission-set-minimal",
      ),
      sso<GetInlinePolicyForPermissionSetCommandOutput>(
        new GetInlinePolicyForPermissionSetCommand(ps),
        "sso-get-inline-policy-for-permission-set-empty",
      ),
    ]);
    const arn = described.PermissionSet?.PermissionSetArn ?? "";
    expect(
      mapPermissionSet({
        arn,
        described: described.PermissionSet,
        managedPolicies: [],
        customerManagedPolicies: [],
        inlinePolicy: inline.InlinePolicy,
        boundary: undefined,
        tags: {},
      }),
    ).toEqual({
      arn,
      name: "ReadOnly",
      description: null,
      sessionDuration: null,
      relayState: null,
      managedPolicies: [],
      customerManagedPolicies: [],
      inlinePolicy: null,
      permissionsBoundary: null,
      tags: {},
      createdDate: "2022-04-15T05:23:20.000Z",
    });
  });

  it("maps assignments from both assignment listings", async () => {
    const [byPair, byPrincipal] = await Promise.all([
      sso<ListAccountAssignmentsCommandOutput>(
        new ListAccountAssignmentsCommand({ ...ps, AccountId: "123456789012" }),
        "sso-list-account-assignments",
      ),
      sso<ListAccountAssignmentsForPrincipalCommandOutput>(
        new ListAccountAssignmentsForPrincipalCommand({
          InstanceArn: INSTANCE,
          PrincipalId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
          PrincipalType: "USER",
        }),
        "sso-list-account-assignments-for-principal",
      ),
    ]);
    expect(
      [...(byPair.AccountAssignments ?? []), ...(byPrincipal.AccountAssignments ?? [])].map(mapAssignment),
    ).toEqual([
      {
        accountId: "123456789012",
        permissionSetArn: PS,
        principalType: "GROUP",
        principalId: "9067c8d2a1-11111111-2222-4333-8444-555555555555",
      },
      {
        accountId: "123456789012",
        permissionSetArn: PS,
        principalType: "USER",
        principalId: "9067c8d2a1-4f1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
      },
      {
        accountId: "210987654321",
        permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-7223c2d4f8a1b9e0/ps-0a1b2c3d4e5f6a7b",
        principalType: "USER",
        principalId: "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d",
      },
    ]);
  });
});

describe("mapBoundary and mapAssignment edge cases", () => {
  it("maps a managed boundary and nothing to null", () => {
    expect(mapBoundary({ ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" })).toEqual({
      type: "MANAGED",
      managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
    });
    expect(mapBoundary(undefined)).toBeNull();
    expect(mapBoundary({})).toBeNull();
    expect(mapBoundary({ CustomerManagedPolicyReference: { Name: "b" } })).toEqual({
      type: "CUSTOMER_MANAGED",
      name: "b",
      path: "/",
    });
  });

  it("drops an assignment with an unknown principal type or missing member", () => {
    const base = { AccountId: "123456789012", PermissionSetArn: PS, PrincipalId: "u" };
    expect(mapAssignment({ ...base, PrincipalType: "APPLICATION" as never })).toBeNull();
    expect(mapAssignment({ ...base, PrincipalType: "USER", PrincipalId: undefined })).toBeNull();
  });
});
