import { describe, expect, it } from "vitest";
import { ValidationError } from "../../../domain/errors.js";
import { THE_20_ACTIONS } from "../../../../test/fixtures/policy-actions.js";
import { cloudFormationTemplate, permissionPolicy, setupAssets, trustPolicy } from "./policy-assets.js";

const PRINCIPAL = "arn:aws:iam::999999999999:role/idc-sync-platform";
const EXTERNAL_ID = "idcs-0123456789abcdefghijklmnopqrstuvwxyz_-AB";

describe("permissionPolicy", () => {
  it("allows exactly the 20 read-only actions, sorted, on every resource", () => {
    const policy = permissionPolicy();
    expect(policy.Version).toBe("2012-10-17");
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement?.Effect).toBe("Allow");
    expect(statement?.Resource).toBe("*");
    expect(statement?.Action).toEqual(THE_20_ACTIONS);
    expect(statement?.Principal).toBeUndefined();
    expect(statement?.Condition).toBeUndefined();
  });
});

describe("trustPolicy", () => {
  it("names our principal and requires the organization's ExternalId", () => {
    expect(trustPolicy(PRINCIPAL, EXTERNAL_ID)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "IdcSyncAssumeRole",
          Effect: "Allow",
          Principal: { AWS: PRINCIPAL },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "sts:ExternalId": EXTERNAL_ID } },
        },
      ],
    });
  });

  it("refuses a malformed principal or ExternalId, naming the field", () => {
    expect(() => trustPolicy("arn:aws:iam::1:role/x", EXTERNAL_ID)).toThrow(
      expect.objectContaining({ field: "platformPrincipalArn" }),
    );
    expect(() => trustPolicy(PRINCIPAL, "has space")).toThrow(ValidationError);
    expect(() => trustPolicy(PRINCIPAL, "x")).toThrow(expect.objectContaining({ field: "externalId" }));
  });

  it("accepts IAM users, the root and other partitions", () => {
    for (const arn of [
      "arn:aws:iam::123456789012:user/ci",
      "arn:aws:iam::123456789012:root",
      "arn:aws-us-gov:iam::123456789012:role/path/to/r",
      "arn:aws-cn:iam::123456789012:role/r",
    ]) {
      expect(trustPolicy(arn, EXTERNAL_ID).Statement[0]?.Principal).toEqual({ AWS: arn });
    }
  });
});

describe("cloudFormationTemplate", () => {
  const OPTIONAL = "IdcSyncSignInActivityPolicy";

  it("round-trips through JSON and declares exactly the policy and a role trusting us with the ExternalId", () => {
    const template = JSON.parse(
      JSON.stringify(cloudFormationTemplate({ platformPrincipalArn: PRINCIPAL, externalId: EXTERNAL_ID })),
    ) as Record<string, unknown>;
    expect(template.AWSTemplateFormatVersion).toBe("2010-09-09");
    const resources = template.Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    expect(
      Object.values(resources)
        .map((r) => r.Type)
        .sort(),
    ).toEqual(["AWS::IAM::ManagedPolicy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role"]);
    const [policyName, policy] =
      Object.entries(resources).find(([n, r]) => r.Type === "AWS::IAM::ManagedPolicy" && n !== OPTIONAL) ??
      [];
    const role = Object.values(resources).find((r) => r.Type === "AWS::IAM::Role");
    expect(policy?.Properties.PolicyDocument).toEqual(permissionPolicy());
    expect(role?.Properties.AssumeRolePolicyDocument).toEqual(trustPolicy(PRINCIPAL, EXTERNAL_ID));
    // The 20 stay one policy; sign-in activity is a separate one, created only when asked for.
    expect(role?.Properties.ManagedPolicyArns).toEqual([
      { Ref: policyName },
      { "Fn::If": ["SignInActivity", { Ref: OPTIONAL }, { Ref: "AWS::NoValue" }] },
    ]);
    const optional = resources[OPTIONAL] as { Condition?: string; Properties: Record<string, unknown> };
    expect(optional.Condition).toBe("SignInActivity");
    expect(optional.Properties.PolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "IdcSyncOptionalSignInActivity",
          Effect: "Allow",
          Action: ["cloudtrail:LookupEvents"],
          Resource: "*",
        },
      ],
    });
    expect(template.Parameters).toMatchObject({ EnableSignInActivity: { Default: "false" } });
    expect(role?.Properties.MaxSessionDuration).toBe(3600);
    expect(role?.Properties.RoleName).toBeUndefined();
    const outputs = template.Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(["RoleArn"]);
    expect(outputs.RoleArn?.Value).toEqual({ "Fn::GetAtt": ["IdcSyncRole", "Arn"] });
  });

  it("sets a role name when asked and refuses a bad one", () => {
    const t = cloudFormationTemplate({
      platformPrincipalArn: PRINCIPAL,
      externalId: EXTERNAL_ID,
      roleName: "IdcSync",
    });
    expect(t.Resources.IdcSyncRole.Properties.RoleName).toBe("IdcSync");
    expect(() =>
      cloudFormationTemplate({ platformPrincipalArn: PRINCIPAL, externalId: EXTERNAL_ID, roleName: "a b" }),
    ).toThrow(expect.objectContaining({ field: "roleName" }));
  });
});

describe("setupAssets", () => {
  it("bundles the same ExternalId and principal everywhere", () => {
    const assets = setupAssets({ externalId: EXTERNAL_ID, platformPrincipalArn: PRINCIPAL });
    expect(assets.externalId).toBe(EXTERNAL_ID);
    expect(assets.platformPrincipalArn).toBe(PRINCIPAL);
    expect(assets.permissionPolicy.Statement[0]?.Action).toEqual(THE_20_ACTIONS);
    expect(assets.trustPolicy).toEqual(trustPolicy(PRINCIPAL, EXTERNAL_ID));
    expect(assets.cloudFormationTemplate.Resources.IdcSyncReadOnlyPolicy.Properties.PolicyDocument).toEqual(
      assets.permissionPolicy,
    );
    expect(assets.cloudFormationTemplate.Resources.IdcSyncRole.Properties.AssumeRolePolicyDocument).toEqual(
      assets.trustPolicy,
    );
  });

  it("offers sign-in activity as a separate optional policy, leaving the 20 as they are", () => {
    const assets = setupAssets({ externalId: EXTERNAL_ID, platformPrincipalArn: PRINCIPAL });
    expect(assets.permissionPolicy.Statement).toHaveLength(1);
    expect(assets.permissionPolicy.Statement[0]?.Action).toEqual(THE_20_ACTIONS);
    expect(assets.optionalPolicies.map((p) => [p.key, p.policy.Statement[0]?.Action])).toEqual([
      ["signInActivity", ["cloudtrail:LookupEvents"]],
    ]);
    expect(assets.optionalPolicies[0]?.description).toMatch(/optional|Without it/);
    expect(
      assets.cloudFormationTemplate.Resources.IdcSyncSignInActivityPolicy.Properties.PolicyDocument,
    ).toEqual(assets.optionalPolicies[0]?.policy);
  });
});
