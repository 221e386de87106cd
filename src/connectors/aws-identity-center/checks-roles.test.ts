import { describe, expect, it } from "vitest";
import { IAM_ACTIONS, OPTIONAL_EXTRA_ACTIONS, POLICY_ACTIONS } from "./actions.js";
import { isRequired, type RequirementFacts } from "./checks-roles.js";

const ORGANIZATION: RequirementFacts = {
  instanceType: "ORGANIZATION",
  permissionSetsEnabled: true,
  accountsListed: true,
};

describe("the roles in the IAM action table", () => {
  it("gives each action its role in the sync", () => {
    const roles = Object.fromEntries(POLICY_ACTIONS.map((a) => [a, IAM_ACTIONS[a].role]));
    expect(roles).toEqual({
      "identitystore:ListUsers": "required",
      "identitystore:DescribeUser": "optional",
      "identitystore:ListGroups": "required",
      "identitystore:DescribeGroup": "optional",
      "identitystore:ListGroupMemberships": "required",
      "identitystore:ListGroupMembershipsForMember": "optional",
      "sso:ListInstances": "required",
      "sso:ListPermissionSets": "required",
      "sso:DescribePermissionSet": "required",
      "sso:ListAccountAssignments": "required",
      "sso:ListAccountAssignmentsForPrincipal": "fallback",
      "sso:ListPermissionSetsProvisionedToAccount": "required",
      "sso:ListManagedPoliciesInPermissionSet": "required",
      "sso:GetInlinePolicyForPermissionSet": "required",
      "sso:ListCustomerManagedPolicyReferencesInPermissionSet": "required",
      "sso:ListTagsForResource": "optional",
      "organizations:DescribeOrganization": "optional",
      "organizations:ListAccounts": "optional",
      "organizations:DescribeAccount": "optional",
      "organizations:ListTagsForResource": "optional",
    });
  });

  it("makes every optional extra optional", () => {
    for (const a of OPTIONAL_EXTRA_ACTIONS) expect(IAM_ACTIONS[a].role).toBe("optional");
  });

  it("says what every optional or fallback action is for", () => {
    for (const info of Object.values(IAM_ACTIONS)) {
      if (info.role !== "required") expect(info.purpose).toMatch(/without it|used only|instead/);
    }
  });
});

describe("isRequired", () => {
  it("follows the roles on an organization instance with its accounts listed", () => {
    for (const action of POLICY_ACTIONS) {
      expect(isRequired(action, ORGANIZATION)).toBe(IAM_ACTIONS[action].role === "required");
    }
  });

  it("swaps the per-account assignment calls for the per-principal one without the account list", () => {
    const facts = { ...ORGANIZATION, accountsListed: false };
    expect(isRequired("sso:ListAccountAssignmentsForPrincipal", facts)).toBe(true);
    expect(isRequired("sso:ListAccountAssignments", facts)).toBe(false);
    expect(isRequired("sso:ListPermissionSetsProvisionedToAccount", facts)).toBe(false);
  });

  it("reads account instances per principal", () => {
    const facts: RequirementFacts = {
      instanceType: "ACCOUNT",
      permissionSetsEnabled: undefined,
      accountsListed: true,
    };
    expect(isRequired("sso:ListAccountAssignmentsForPrincipal", facts)).toBe(true);
    expect(isRequired("sso:ListAccountAssignments", facts)).toBe(false);
  });

  it("needs no permission set or assignment calls where the instance has no permission sets", () => {
    const facts: RequirementFacts = {
      instanceType: "ACCOUNT",
      permissionSetsEnabled: false,
      accountsListed: true,
    };
    for (const action of POLICY_ACTIONS.filter((a) => a.startsWith("sso:") && a !== "sso:ListInstances")) {
      expect(isRequired(action, facts)).toBe(false);
    }
    expect(isRequired("sso:ListInstances", facts)).toBe(true);
    expect(isRequired("identitystore:ListUsers", facts)).toBe(true);
  });
});
