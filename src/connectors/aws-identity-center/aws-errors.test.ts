import { ThrottlingException as IdsThrottlingException } from "@aws-sdk/client-identitystore";
import { AWSOrganizationsNotInUseException } from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import {
  AccessDeniedError,
  FatalError,
  NotFoundError,
  RetryableError,
  ValidationError,
} from "../../domain/errors.js";
import {
  DEFAULT_THROTTLE_WAIT_MS,
  classifyAwsError,
  isExpiredCredentials,
  isThrottle,
  isTransient,
  retryAfterMs,
} from "./aws-errors.js";

/** An error shaped like what the SDK throws for an AWS error code. */
function awsError(name: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $fault: status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: status, requestId: "req-1", attempts: 1 },
    ...extra,
  });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`socket trouble ${code}`), { code });
}

describe("classifyAwsError", () => {
  it.each([
    ["AccessDeniedException", 403, "identitystore:ListUsers"],
    ["AccessDeniedException", 400, "sso:ListInstances"],
    ["AccessDenied", 403, "organizations:ListAccounts"],
  ])("turns %s (%i) into AccessDeniedError naming the action", (name, status, action) => {
    const err = awsError(name, status, { message: "User: arn:aws:sts::1:assumed-role/x is not authorized" });
    const classified = classifyAwsError(err, action);
    expect(classified).toBeInstanceOf(AccessDeniedError);
    expect((classified as AccessDeniedError).action).toBe(action);
    expect(classified.code).toBe("access_denied");
    expect(classified.message).toContain(`must allow ${action}`);
    expect(classified.message).toContain("is not authorized");
    expect(classified.cause).toBe(err);
  });

  it("explains a denied AssumeRole through the trust policy and ExternalId", () => {
    const classified = classifyAwsError(awsError("AccessDenied", 403), "sts:AssumeRole");
    expect(classified).toBeInstanceOf(AccessDeniedError);
    expect((classified as AccessDeniedError).action).toBe("sts:AssumeRole");
    expect(classified.message).toMatch(/trust policy.*sts:ExternalId/);
  });

  it("mentions KMS when Identity Center's key denied access", () => {
    const err = awsError("AccessDeniedException", 403, { Reason: "KMS_ACCESS_DENIED" });
    expect(classifyAwsError(err, "identitystore:DescribeUser").message).toContain("KMS key policy");
  });

  it.each([
    ["ThrottlingException", 429],
    ["ThrottlingException", 400], // sso-admin sends it as HTTP 400
    ["TooManyRequestsException", 400],
    ["SomethingElse", 429],
  ])("treats %s (%i) as throttling", (name, status) => {
    const classified = classifyAwsError(awsError(name, status), "sso:ListPermissionSets");
    expect(classified).toBeInstanceOf(RetryableError);
    expect((classified as RetryableError).throttled).toBe(true);
    expect((classified as RetryableError).waitMs).toBe(DEFAULT_THROTTLE_WAIT_MS);
    expect(classified.code).toBe("throttled");
  });

  it("waits as long as RetryAfterSeconds says, from the real SDK exception class too", () => {
    const err = new IdsThrottlingException({
      message: "Rate exceeded",
      $metadata: { httpStatusCode: 429 },
      RetryAfterSeconds: 7,
    });
    const classified = classifyAwsError(err, "identitystore:ListUsers") as RetryableError;
    expect(classified.throttled).toBe(true);
    expect(classified.waitMs).toBe(7000);
    expect(isThrottle(err)).toBe(true);
  });

  it("reads a Retry-After header when the member is absent", () => {
    const err = awsError("ThrottlingException", 400, { $response: { headers: { "retry-after": "3" } } });
    expect(retryAfterMs(err)).toBe(3000);
    expect(retryAfterMs(awsError("ThrottlingException", 400))).toBeUndefined();
    expect(retryAfterMs(awsError("ThrottlingException", 429, { RetryAfterSeconds: 0 }))).toBe(0);
  });

  it.each([
    awsError("InternalServerException", 500),
    awsError("ServiceException", 500),
    awsError("UnknownError", 502),
    awsError("UnknownError", 503),
    awsError("TimeoutError", 0),
    networkError("ECONNRESET"),
    networkError("ETIMEDOUT"),
    networkError("ENOTFOUND"),
    networkError("EPIPE"),
  ])("treats passing failures as retryable, not throttled (%#)", (err) => {
    const classified = classifyAwsError(err, "sso:ListAccountAssignments");
    expect(classified).toBeInstanceOf(RetryableError);
    expect((classified as RetryableError).throttled).toBe(false);
    expect(classified.code).toBe("retryable");
    expect(isTransient(err)).toBe(true);
    expect(isThrottle(err)).toBe(false);
  });

  it("retries after the SDK corrected its clock, and network errors wrapped in a cause", () => {
    const skew = awsError("InvalidSignatureException", 403, {
      $metadata: { httpStatusCode: 403, clockSkewCorrected: true },
    });
    expect(isTransient(skew)).toBe(true);
    const wrapped = Object.assign(new Error("request failed"), { cause: networkError("ECONNRESET") });
    expect(classifyAwsError(wrapped, "sso:ListInstances")).toBeInstanceOf(RetryableError);
  });

  it("names a network error's code in the message", () => {
    expect(classifyAwsError(networkError("ECONNRESET"), "sts:AssumeRole").message).toContain("ECONNRESET");
  });

  it.each(["ExpiredTokenException", "ExpiredToken"])(
    "asks for a retry with fresh credentials on %s",
    (name) => {
      const err = awsError(name, 400, { message: "The security token included in the request is expired" });
      const classified = classifyAwsError(err, "identitystore:ListGroups");
      expect(classified).toBeInstanceOf(RetryableError);
      expect((classified as RetryableError).throttled).toBe(false);
      expect(isExpiredCredentials(err)).toBe(true);
      expect(isTransient(err)).toBe(false);
    },
  );

  it.each(["ResourceNotFoundException", "AccountNotFoundException", "TargetNotFoundException"])(
    "turns %s into NotFoundError",
    (name) => {
      const classified = classifyAwsError(awsError(name, 404), "organizations:DescribeAccount");
      expect(classified).toBeInstanceOf(NotFoundError);
      expect(classified.message).toContain("organizations:DescribeAccount");
    },
  );

  it("gives validation errors a message about the connection values", () => {
    const classified = classifyAwsError(awsError("ValidationException", 400), "identitystore:ListUsers");
    expect(classified).toBeInstanceOf(FatalError);
    expect(classified.message).toContain("Identity Store ID");
    const token = awsError("InvalidInputException", 400, { Reason: "INVALID_NEXT_TOKEN" });
    expect(classifyAwsError(token, "organizations:ListAccounts").message).toContain("paging token");
  });

  it("explains an account outside any organization", () => {
    const err = new AWSOrganizationsNotInUseException({
      message: "not in org",
      $metadata: { httpStatusCode: 400 },
    });
    const classified = classifyAwsError(err, "organizations:DescribeOrganization");
    expect(classified).toBeInstanceOf(FatalError);
    expect(classified.message).toContain("not in an AWS organization");
    expect(classified.message).toContain("management account");
  });

  it("treats anything else as fatal and keeps the cause", () => {
    const err = awsError("ConflictException", 409);
    const classified = classifyAwsError(err, "sso:ListInstances");
    expect(classified).toBeInstanceOf(FatalError);
    expect(classified.cause).toBe(err);
    expect(classifyAwsError("a string", "sso:ListInstances")).toBeInstanceOf(FatalError);
    expect(classifyAwsError(undefined, "sso:ListInstances")).toBeInstanceOf(FatalError);
    expect(
      classifyAwsError(awsError("UnrecognizedClientException", 400), "sts:AssumeRole").message,
    ).toContain("credentials");
  });

  it("passes an already classified error through", () => {
    const done = new ValidationError("roleArn", "bad");
    expect(classifyAwsError(done, "sso:ListInstances")).toBe(done);
  });

  it("never repeats keys or tokens from AWS's message", () => {
    const err = awsError("SignatureDoesNotMatch", 403, {
      message:
        "Credential=ASIAEXAMPLEEXAMPLE1234/20260101 token IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQDExampleExampleExample+Example/Example== in request",
    });
    const classified = classifyAwsError(err, "sts:AssumeRole");
    expect(classified.message).not.toContain("ASIAEXAMPLE");
    expect(classified.message).not.toContain("IQoJb3JpZ2lu");
    expect(classified.message).toContain("[redacted]");
  });

  it("keeps ARNs in AWS's message", () => {
    const arn =
      "arn:aws:sts::123456789012:assumed-role/IdcSyncReadOnlyRoleWithAVeryLongName/idc-sync-conn_01HZXABCDEFGHJKMNPQRSTVWXYZ";
    const err = awsError("AccessDeniedException", 403, {
      message: `User: ${arn} is not authorized to perform: sso:ListInstances`,
    });
    expect(classifyAwsError(err, "sso:ListInstances").message).toContain(arn);
  });
});

describe("an answer that is not AWS's protocol (HTML or XML from a proxy or an emulator)", () => {
  /** What the SDK throws when it cannot parse the body: a SyntaxError with the status, no $fault. */
  function foreign(status: number, contentType = "text/html; charset=utf-8"): Error {
    return Object.assign(
      new SyntaxError(
        `Unexpected token '<', "<!DOCTYPE "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`,
      ),
      {
        $metadata: { httpStatusCode: status, attempts: 1 },
        $response: { statusCode: status, headers: { "content-type": contentType } },
      },
    );
  }

  it("is classified by its HTTP status: 403 denied, 401 bad credentials, 429 throttled, 5xx transient", () => {
    const denied = classifyAwsError(foreign(403), "sso:DescribeInstance");
    expect(denied).toBeInstanceOf(AccessDeniedError);
    expect((denied as AccessDeniedError).action).toBe("sso:DescribeInstance");
    expect(denied.message).toBe(
      "AWS denied sso:DescribeInstance: the answer was an HTML page with HTTP 403, not AWS's protocol (a proxy, a firewall or an emulator answered)",
    );
    const credentials = classifyAwsError(foreign(401, "application/xml"), "identitystore:ListUsers");
    expect(credentials).toBeInstanceOf(FatalError);
    expect(credentials.message).toMatch(
      /credentials .* were not accepted: the answer was an XML page with HTTP 401/,
    );
    const throttled = classifyAwsError(foreign(429), "identitystore:ListUsers");
    expect(throttled).toMatchObject({ code: "throttled", throttled: true });
    for (const status of [500, 502, 503]) {
      const transient = classifyAwsError(foreign(status), "sso:DescribeInstance");
      expect(transient).toBeInstanceOf(RetryableError);
      expect(transient).toMatchObject({ throttled: false });
      expect(transient.message).not.toMatch(/Unexpected token|Deserialization/);
    }
    expect(classifyAwsError(foreign(404), "sso:DescribeInstance")).toBeInstanceOf(FatalError);
  });

  it("is retried as AWS's own answers with the same status are", () => {
    expect(isTransient(foreign(500))).toBe(true);
    expect(isThrottle(foreign(429))).toBe(true);
    expect(isTransient(foreign(403))).toBe(false);
  });
});
