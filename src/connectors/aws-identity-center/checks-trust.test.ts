import { STSClient, STSServiceException, type AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkTrust, probeExternalId } from "./checks-trust.js";

const EXTERNAL_ID = "idcs-0123456789abcdefghijklmnopqrstuvwxyz_-AB";
const options = {
  values: {
    roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
    region: "us-east-1",
    identityStoreId: "d-1234567890",
    instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
  },
  externalId: EXTERNAL_ID,
  connectionId: "c1",
  platformPrincipalArn: "arn:aws:iam::999999999999:role/idc-sync",
  platformCredentials: { accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "x" },
};

const denied = () =>
  new STSServiceException({
    name: "AccessDenied",
    $fault: "client",
    $metadata: { httpStatusCode: 403 },
    message: "User is not authorized to perform: sts:AssumeRole",
  });
const credentials = {
  Credentials: {
    AccessKeyId: "ASIAEXAMPLE",
    SecretAccessKey: "s",
    SessionToken: "t",
    Expiration: new Date(),
  },
};

function fakeSend(send: (command: unknown) => Promise<unknown>): void {
  const spy = vi.spyOn(STSClient.prototype, "send") as unknown as {
    mockImplementation(fn: (command: unknown) => Promise<unknown>): void;
  };
  spy.mockImplementation(send);
}

/** Answers AssumeRole by the ExternalId sent; records what was sent. */
function stsAnswering(accepts: (externalId: string | undefined) => boolean) {
  const sent: (string | undefined)[] = [];
  fakeSend((command) => {
    const input = (command as AssumeRoleCommand).input;
    sent.push(input.ExternalId);
    return accepts(input.ExternalId) ? Promise.resolve(credentials) : Promise.reject(denied());
  });
  return sent;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("checkTrust", () => {
  it("refuses a role that accepts AssumeRole without an ExternalId but not with ours", async () => {
    const sent = stsAnswering((id) => id === undefined);
    const outcome = await checkTrust(options);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.code).toBe("unsafe_trust_policy");
    expect(!outcome.ok && outcome.error.message).toContain("without any ExternalId");
    expect(sent).toEqual([EXTERNAL_ID, undefined]);
  });

  it("accepts a role that takes only our ExternalId, probing with another one", async () => {
    const sent = stsAnswering((id) => id === EXTERNAL_ID);
    const outcome = await checkTrust(options);
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.credentials.accessKeyId).toBe("ASIAEXAMPLE");
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe(EXTERNAL_ID);
    expect(sent[1]).toMatch(/^idc-sync-probe-/);
  });

  it("reports other STS failures as they are, without probing", async () => {
    const sent: unknown[] = [];
    fakeSend((command) => {
      sent.push(command);
      return Promise.reject(
        new STSServiceException({
          name: "RegionDisabledException",
          $fault: "client",
          $metadata: { httpStatusCode: 403 },
          message: "STS is not activated in this region",
        }),
      );
    });
    const outcome = await checkTrust(options);
    expect(!outcome.ok && outcome.error.code).toBe("assume_role_failed");
    expect(!outcome.ok && outcome.error.message).toMatch(/enable the region/);
    expect(sent).toHaveLength(1);
  });
});

describe("probeExternalId", () => {
  it("is a valid ExternalId, different each time", () => {
    const a = probeExternalId();
    expect(a).toMatch(/^[\w+=,.@:/-]{2,1224}$/);
    expect(a).not.toBe(probeExternalId());
  });
});
