import { describe, expect, it } from "vitest";
import { CONCURRENCY, PAGE_SIZES, chooseAssignmentPlan } from "./plan.js";

describe("chooseAssignmentPlan", () => {
  it("reads per account for an organization instance whose accounts are listed", () => {
    expect(
      chooseAssignmentPlan({
        permissionSetsEnabled: true,
        instanceType: "ORGANIZATION",
        accountsListed: true,
      }),
    ).toBe("per-account");
    // An unknown type (DescribeOrganization denied) does not stop the cheaper plan.
    expect(
      chooseAssignmentPlan({ permissionSetsEnabled: undefined, instanceType: null, accountsListed: true }),
    ).toBe("per-account");
  });

  it("reads per principal without the account list or for an account instance", () => {
    expect(
      chooseAssignmentPlan({
        permissionSetsEnabled: undefined,
        instanceType: "ORGANIZATION",
        accountsListed: false,
      }),
    ).toBe("per-principal");
    expect(
      chooseAssignmentPlan({
        permissionSetsEnabled: undefined,
        instanceType: "ACCOUNT",
        accountsListed: true,
      }),
    ).toBe("per-principal");
  });

  it("reads nothing where the instance has no permission sets", () => {
    expect(
      chooseAssignmentPlan({ permissionSetsEnabled: false, instanceType: "ACCOUNT", accountsListed: true }),
    ).toBe("none");
  });
});

describe("page sizes and concurrency", () => {
  it("asks for AWS's maximum page sizes", () => {
    for (const [action, size] of Object.entries(PAGE_SIZES)) {
      expect(size, action).toBe(action.startsWith("organizations:") ? 20 : 100);
    }
  });

  it("bounds every fan-out", () => {
    for (const n of Object.values(CONCURRENCY)) expect(n).toBeGreaterThanOrEqual(1);
  });
});
