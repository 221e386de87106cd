import type { InstanceMetadata } from "@aws-sdk/client-sso-admin";
import { describe, expect, it } from "vitest";
import { checkInstance } from "./checks-instance.js";

const ARN = "arn:aws:sso:::instance/ssoins-1111111111111111";
const STORE = "d-1111111111";
const values = {
  roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
  region: "eu-west-1",
  identityStoreId: STORE,
  instanceArn: ARN,
};
const ours: InstanceMetadata = { InstanceArn: ARN, IdentityStoreId: STORE, OwnerAccountId: "123456789012" };

function lists(byRegion: Record<string, InstanceMetadata[]>) {
  const asked: string[] = [];
  return {
    asked,
    listIn: (region: string) => {
      asked.push(region);
      if (region === "ap-east-1") return Promise.reject(new Error("UnrecognizedClientException"));
      return Promise.resolve(byRegion[region] ?? []);
    },
  };
}

describe("checkInstance", () => {
  it("finds the instance with its Identity Store, asking no other region", async () => {
    const other = lists({});
    const result = await checkInstance(values, () => Promise.resolve([ours]), other.listIn, ["us-east-1"]);
    expect(result).toEqual({ found: ours, warnings: [] });
    expect(other.asked).toEqual([]);
  });

  it("finds the region of an instance the role does not see here, skipping regions it cannot ask", async () => {
    const other = lists({ "us-east-2": [ours] });
    const result = await checkInstance(values, () => Promise.resolve([]), other.listIn, [
      "ap-east-1",
      "us-east-1",
      "us-east-2",
    ]);
    expect(result.error).toMatchObject({ code: "wrong_region", field: "region" });
    expect(result.error?.message).toContain("set Region to us-east-2");
  });

  it("says nothing is visible anywhere when so", async () => {
    const result = await checkInstance(values, () => Promise.resolve([]), lists({}).listIn, ["us-east-1"]);
    expect(result.error).toMatchObject({ code: "instance_not_found", field: "instanceArn" });
    expect(result.error?.message).toMatch(
      /sees no IAM Identity Center instance in eu-west-1 nor in any other region/,
    );
    expect(result.error?.message).toMatch(/management account/);
  });

  it("accepts a replica region with a warning, and refuses a region the instance is not served in", async () => {
    const replicated: InstanceMetadata = {
      ...ours,
      PrimaryRegion: "us-east-1",
      Regions: [
        { RegionName: "us-east-1", Status: "ACTIVE", IsPrimaryRegion: true },
        { RegionName: "eu-west-1", Status: "ACTIVE", IsPrimaryRegion: false },
      ],
    };
    const ok = await checkInstance(values, () => Promise.resolve([replicated]), lists({}).listIn, []);
    expect(ok.found).toBe(replicated);
    expect(ok.warnings.map((w) => w.code)).toEqual(["not_primary_region"]);

    const elsewhere = { ...replicated, Regions: [{ RegionName: "us-east-1", Status: "ACTIVE" as const }] };
    const refused = await checkInstance(values, () => Promise.resolve([elsewhere]), lists({}).listIn, []);
    expect(refused.error).toMatchObject({ code: "wrong_region" });
    expect(refused.error?.message).toContain("Set Region to us-east-1");
  });

  it("returns the listing error without judging the instance", async () => {
    const denied = new Error("denied");
    const result = await checkInstance(values, () => Promise.reject(denied), lists({}).listIn, []);
    expect(result).toEqual({ listError: denied, warnings: [] });
  });
});
