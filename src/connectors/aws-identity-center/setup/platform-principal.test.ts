import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { FatalError, ValidationError } from "../../../domain/errors.js";
import { principalArnFromCallerArn, resolvePlatformPrincipalArn } from "./platform-principal.js";

function fakeSts(answer: () => Promise<{ Arn?: string }>) {
  const sent: unknown[] = [];
  return {
    sent,
    client: {
      send: (command: unknown) => {
        sent.push(command);
        return answer();
      },
    } as never,
  };
}

describe("principalArnFromCallerArn", () => {
  it("turns an assumed-role session into its role", () => {
    expect(principalArnFromCallerArn("arn:aws:sts::123456789012:assumed-role/IdcSyncPlatform/i-0abc")).toBe(
      "arn:aws:iam::123456789012:role/IdcSyncPlatform",
    );
    expect(principalArnFromCallerArn("arn:aws-us-gov:sts::123456789012:assumed-role/r/s@x.com")).toBe(
      "arn:aws-us-gov:iam::123456789012:role/r",
    );
  });

  it("keeps IAM users and the root", () => {
    expect(principalArnFromCallerArn("arn:aws:iam::123456789012:user/ci")).toBe(
      "arn:aws:iam::123456789012:user/ci",
    );
    expect(principalArnFromCallerArn("arn:aws:iam::123456789012:root")).toBe(
      "arn:aws:iam::123456789012:root",
    );
  });

  it("refuses what a trust policy cannot name", () => {
    expect(() => principalArnFromCallerArn("not-an-arn")).toThrow(ValidationError);
  });
});

describe("resolvePlatformPrincipalArn", () => {
  it("uses the configured platform role without asking STS", async () => {
    const sts = fakeSts(() => Promise.reject(new Error("must not be called")));
    const arn = "arn:aws:iam::111122223333:role/platform";
    await expect(resolvePlatformPrincipalArn({ platformRoleArn: arn, sts: sts.client })).resolves.toBe(arn);
    expect(sts.sent).toHaveLength(0);
  });

  it("derives it from GetCallerIdentity otherwise", async () => {
    const sts = fakeSts(() =>
      Promise.resolve({ Arn: "arn:aws:sts::111122223333:assumed-role/ecs-task/abc" }),
    );
    await expect(resolvePlatformPrincipalArn({ sts: sts.client })).resolves.toBe(
      "arn:aws:iam::111122223333:role/ecs-task",
    );
    expect(sts.sent[0]).toBeInstanceOf(GetCallerIdentityCommand);
  });

  it("says how to fix missing credentials", async () => {
    const sts = fakeSts(() => Promise.reject(new Error("Could not load credentials from any providers")));
    const err: unknown = await resolvePlatformPrincipalArn({ sts: sts.client }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FatalError);
    expect((err as Error).message).toMatch(/IDC_SYNC_PLATFORM_ROLE_ARN/);
  });
});
