import { describe, expect, it } from "vitest";
import { ValidationError } from "./errors.js";
import {
  IDENTITY_CENTER_REGIONS,
  accountIdOfRoleArn,
  organizationsRegion,
  parseConnectionValues,
  partitionOf,
} from "./connection-values.js";

const good = {
  roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
  region: "eu-central-1",
  identityStoreId: "d-1234567abc",
  instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
};

function failure(input: unknown): ValidationError {
  try {
    parseConnectionValues(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return err as ValidationError;
  }
  throw new Error("expected a ValidationError");
}

describe("parseConnectionValues", () => {
  it("accepts good values and trims surrounding whitespace", () => {
    expect(parseConnectionValues(good)).toEqual(good);
    const padded = Object.fromEntries(Object.entries(good).map(([k, v]) => [k, `  ${v}\n\t`]));
    expect(parseConnectionValues(padded)).toEqual(good);
  });

  it.each([
    "arn:aws:iam::123456789012:role/service-role/IdcSync",
    "arn:aws:iam::123456789012:role/a/b/c/Name+=,.@-_9",
    "arn:aws-cn:iam::123456789012:role/x",
    "arn:aws-us-gov:iam::123456789012:role/x",
    "arn:aws-eusc:iam::123456789012:role/x",
  ])("accepts role ARN %s", (roleArn) => {
    const region =
      roleArn.split(":")[1] === "aws" ? "us-east-1" : IDENTITY_CENTER_REGIONS[partitionOf({ roleArn })][0];
    const instanceArn = good.instanceArn.replace("arn:aws:", `arn:${roleArn.split(":")[1]}:`);
    expect(parseConnectionValues({ ...good, roleArn, region, instanceArn }).roleArn).toBe(roleArn);
  });

  it("explains a bad role ARN with a correct example", () => {
    const err = failure({ ...good, roleArn: "arn:aws:iam::12:role/x" });
    expect(err.field).toBe("roleArn");
    expect(err.code).toBe("validation_error");
    expect(err.message).toBe(
      'Role ARN "arn:aws:iam::12:role/x" is not a role ARN: expected arn:aws:iam::123456789012:role/IdcSyncReadOnly',
    );
  });

  it.each([
    "arn:aws:iam::123456789012:user/x",
    "arn:aws:iam::1234567890123:role/x",
    "arn:aws:iam::123456789012:role/",
    `arn:aws:iam::123456789012:role/${"a".repeat(65)}`,
    "arn:aws:iam::123456789012:role/has space",
    "arn:aws-moon:iam::123456789012:role/x",
    "arn:aws:sts::123456789012:assumed-role/x/y",
    "123456789012",
  ])("rejects role ARN %s", (roleArn) => {
    expect(failure({ ...good, roleArn }).field).toBe("roleArn");
  });

  it("names a missing field as required", () => {
    const err = failure({ region: "us-east-1" });
    expect(err.field).toBe("roleArn");
    expect(err.message).toMatch(/^Role ARN is required: expected e\.g\. arn:aws:iam::123456789012:role\//);
    expect(failure({ ...good, region: "   " }).message).toMatch(/^Region is required/);
    expect(failure({ ...good, identityStoreId: undefined }).field).toBe("identityStoreId");
    expect(failure({ ...good, instanceArn: 42 }).field).toBe("instanceArn");
    expect(failure(null).field).toBe("roleArn");
  });

  it("reports only the first bad field, in field order", () => {
    const err = failure({ ...good, region: "cn-north-1", identityStoreId: "x", instanceArn: "y" });
    expect(err.field).toBe("region");
  });

  it("requires a region of the role ARN's partition", () => {
    const err = failure({ ...good, region: "cn-north-1" });
    expect(err.field).toBe("region");
    expect(err.message).toContain("partition aws-cn");
    expect(err.message).toContain("role ARN is in partition aws");
    const gov = failure({
      ...good,
      roleArn: "arn:aws-us-gov:iam::123456789012:role/x",
      region: "us-east-1",
      instanceArn: "arn:aws-us-gov:sso:::instance/ssoins-1234567890abcdef",
    });
    expect(gov.message).toContain("e.g. us-gov-east-1");
  });

  it("rejects unknown regions and partitions without Identity Center", () => {
    expect(failure({ ...good, region: "us-east-9" }).message).toContain(
      "is not an IAM Identity Center region",
    );
    expect(failure({ ...good, region: "US-EAST-1" }).field).toBe("region");
    const iso = failure({
      ...good,
      roleArn: "arn:aws-iso:iam::123456789012:role/x",
      region: "us-iso-east-1",
    });
    expect(iso.field).toBe("region");
    expect(iso.message).toContain("partition aws-iso");
  });

  it.each(["d-1234567890", "d-abcdef0123", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"])(
    "accepts identity store id %s",
    (identityStoreId) => {
      expect(parseConnectionValues({ ...good, identityStoreId }).identityStoreId).toBe(identityStoreId);
    },
  );

  it.each([
    "d-123456789",
    "d-12345678901",
    "d-ABCDEF0123",
    "d-12345678g0",
    "1234567890",
    "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0",
    "0f1e2d3c-4b5a-6978-8796",
    "us-east-1:d-1234567890",
  ])("rejects identity store id %s", (identityStoreId) => {
    const err = failure({ ...good, identityStoreId });
    expect(err.field).toBe("identityStoreId");
    expect(err.message).toContain("e.g. d-1234567890");
  });

  it.each(["arn:aws:sso:::instance/ins-1234567890abcdef", "arn:aws:sso:::instance/ssoins-12345678.0ab-DEF"])(
    "accepts instance ARN %s",
    (instanceArn) => {
      expect(parseConnectionValues({ ...good, instanceArn }).instanceArn).toBe(instanceArn);
    },
  );

  it.each([
    "arn:aws:sso:::instance/ssoins-123",
    "arn:aws:sso:::instance/ssoins-1234567890abcdef0",
    "arn:aws:sso::123456789012:instance/ssoins-1234567890abcdef",
    "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef",
    "ssoins-1234567890abcdef",
  ])("rejects instance ARN %s", (instanceArn) => {
    const err = failure({ ...good, instanceArn });
    expect(err.field).toBe("instanceArn");
    expect(err.message).toContain("expected arn:aws:sso:::instance/ssoins-");
  });

  it("requires the instance ARN in the role ARN's partition", () => {
    const err = failure({ ...good, instanceArn: "arn:aws-cn:sso:::instance/ssoins-1234567890abcdef" });
    expect(err.field).toBe("instanceArn");
    expect(err.message).toContain("partition aws-cn");
  });

  it("cuts very long values in messages", () => {
    const err = failure({ ...good, roleArn: "x".repeat(5000) });
    expect(err.message.length).toBeLessThan(300);
  });
});

describe("partitions", () => {
  it("maps partitions to the Organizations region", () => {
    expect(organizationsRegion("aws")).toBe("us-east-1");
    expect(organizationsRegion("aws-us-gov")).toBe("us-gov-west-1");
    expect(organizationsRegion("aws-cn")).toBe("cn-northwest-1");
    expect(organizationsRegion("aws-eusc")).toBe("eusc-de-east-1");
    expect(partitionOf(good)).toBe("aws");
    expect(organizationsRegion(partitionOf({ roleArn: "arn:aws-cn:iam::123456789012:role/x" }))).toBe(
      "cn-northwest-1",
    );
  });

  it("lists no region in two partitions", () => {
    const all = Object.values(IDENTITY_CENTER_REGIONS).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(IDENTITY_CENTER_REGIONS.aws).toContain("eu-central-2");
  });

  it("takes the account id from a role ARN", () => {
    expect(accountIdOfRoleArn("arn:aws:iam::210987654321:role/path/Name")).toBe("210987654321");
    expect(() => accountIdOfRoleArn("arn:aws:iam::21098765432:role/x")).toThrow(ValidationError);
  });
});
