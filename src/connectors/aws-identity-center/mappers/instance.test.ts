import {
  ListInstancesCommand,
  SSOAdminClient,
  type ListInstancesCommandOutput,
} from "@aws-sdk/client-sso-admin";
import {
  DescribeOrganizationCommand,
  OrganizationsClient,
  type DescribeOrganizationCommandOutput,
} from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import { replay } from "../../../../test/fixtures/recorded/replay.js";
import { instanceTypeOf, mapInstance } from "./instance.js";

describe("instance mappers on recorded responses", () => {
  it("tells an organization instance from an account instance by the management account", async () => {
    const [instances, org] = await Promise.all([
      replay<ListInstancesCommandOutput>(SSOAdminClient, new ListInstancesCommand({}), "sso-list-instances"),
      replay<DescribeOrganizationCommandOutput>(
        OrganizationsClient,
        new DescribeOrganizationCommand({}),
        "organizations-describe-organization",
      ),
    ]);
    const fact = { managementAccountId: org.Organization?.MasterAccountId };
    const mapped = (instances.Instances ?? []).map((i) =>
      mapInstance(i, instanceTypeOf(i.OwnerAccountId, fact)),
    );
    expect(mapped).toEqual([
      {
        instanceArn: "arn:aws:sso:::instance/ssoins-7223c2d4f8a1b9e0",
        identityStoreId: "d-9067c8d2a1",
        ownerAccountId: "123456789012",
        name: "Corp SSO",
        status: "ACTIVE",
        type: "ORGANIZATION",
      },
      {
        instanceArn: "arn:aws:sso:::instance/ssoins-6684a1b2c3d4e5f6",
        identityStoreId: "d-90660a1b2c",
        ownerAccountId: "210987654321",
        name: null,
        status: "ACTIVE",
        type: "ACCOUNT",
      },
    ]);
  });

  it("knows an account outside any organization has an account instance, and knows nothing when denied", () => {
    expect(instanceTypeOf("123456789012", "none")).toBe("ACCOUNT");
    expect(instanceTypeOf("123456789012", undefined)).toBeNull();
    expect(instanceTypeOf(undefined, { managementAccountId: "123456789012" })).toBeNull();
  });
});
