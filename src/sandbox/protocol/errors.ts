// AWS-shaped errors, one factory per kind, each rendered the way the named service renders it.
// The outcome tells the counters how the request ended.

export type ServiceName = "identitystore" | "sso" | "organizations" | "sts" | "cloudtrail";

export type Outcome = "ok" | "throttled" | "denied" | "failed" | "invalid" | "notFound";

export class AwsError extends Error {
  constructor(
    /** The error code the SDK turns into `error.name`. */
    readonly code: string,
    readonly status: number,
    message: string,
    readonly outcome: Outcome,
    /** Extra members of the error body (JSON) — e.g. ResourceType, Reason, RetryAfterSeconds. */
    readonly fields: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
    /** Query protocol only: Sender (client fault) or Receiver (server fault). */
    readonly faultType: "Sender" | "Receiver" = status >= 500 ? "Receiver" : "Sender",
  ) {
    super(message);
    this.name = code;
  }
}

/** Organizations' InvalidInputException reasons used here. */
export type OrgInvalidReason =
  | "INPUT_REQUIRED"
  | "INVALID_NEXT_TOKEN"
  | "INVALID_PATTERN"
  | "INVALID_ENUM"
  | "MAX_VALUE_EXCEEDED"
  | "MIN_VALUE_EXCEEDED"
  | "MAX_LENGTH_EXCEEDED"
  | "MIN_LENGTH_EXCEEDED";

export function validationError(
  service: ServiceName,
  message: string,
  orgReason: OrgInvalidReason = "INVALID_PATTERN",
): AwsError {
  if (service === "organizations") {
    return new AwsError("InvalidInputException", 400, message, "invalid", { Reason: orgReason });
  }
  if (service === "sts") return new AwsError("ValidationError", 400, message, "invalid");
  if (service === "cloudtrail") return new AwsError("InvalidParameterException", 400, message, "invalid");
  return new AwsError("ValidationException", 400, message, "invalid");
}

export function invalidNextToken(service: ServiceName): AwsError {
  if (service === "cloudtrail")
    return new AwsError("InvalidNextTokenException", 400, "Invalid NextToken.", "invalid");
  return validationError(
    service,
    service === "organizations"
      ? "The provided NextToken is not valid."
      : "The NextToken provided is not valid; use the NextToken from the previous response unchanged.",
    "INVALID_NEXT_TOKEN",
  );
}

export function serializationError(message: string): AwsError {
  return new AwsError("SerializationException", 400, message, "invalid");
}

export function unknownOperation(target: string): AwsError {
  return new AwsError(
    "UnknownOperationException",
    400,
    `Unknown operation: ${target.slice(0, 200)}`,
    "invalid",
  );
}

/** Identity Store names the resource type; the others only say what was missing. */
export function identityStoreNotFound(
  resourceType: "USER" | "GROUP" | "IDENTITY_STORE" | "GROUP_MEMBERSHIP",
  resourceId: string,
): AwsError {
  const what = resourceType.toLowerCase().replace("_", " ");
  return new AwsError(
    "ResourceNotFoundException",
    404,
    `The specified ${what} ${resourceId} does not exist.`,
    "notFound",
    { ResourceType: resourceType, ResourceId: resourceId },
  );
}

export function ssoNotFound(message: string): AwsError {
  return new AwsError("ResourceNotFoundException", 404, message, "notFound");
}

export function accountNotFound(accountId: string): AwsError {
  return new AwsError(
    "AccountNotFoundException",
    404,
    `You specified an account that doesn't exist: ${accountId}.`,
    "notFound",
  );
}

export function targetNotFound(targetId: string): AwsError {
  return new AwsError(
    "TargetNotFoundException",
    404,
    `You specified a target that doesn't exist: ${targetId}.`,
    "notFound",
  );
}

export function organizationsNotInUse(): AwsError {
  return new AwsError(
    "AWSOrganizationsNotInUseException",
    404,
    "Your account is not a member of an organization.",
    "notFound",
  );
}

export function throttled(service: ServiceName, retryAfterSeconds: number, orgStatus: 400 | 429): AwsError {
  switch (service) {
    case "identitystore":
      return new AwsError(
        "ThrottlingException",
        429,
        "Rate exceeded",
        "throttled",
        { RetryAfterSeconds: retryAfterSeconds },
        { "Retry-After": String(retryAfterSeconds) },
      );
    case "sso":
      // Seen live as HTTP 400 (not the model's 429); the SDK still retries it by name.
      return new AwsError("ThrottlingException", 400, "There are too many requests processing", "throttled");
    case "organizations":
      return new AwsError(
        "TooManyRequestsException",
        orgStatus,
        "AWS Organizations can't complete your request because another request is already in progress. Try again later.",
        "throttled",
        { Type: "TooManyRequestsException" },
      );
    case "sts":
      return new AwsError("Throttling", 400, "Rate exceeded", "throttled");
    case "cloudtrail":
      // LookupEvents' quota is 2 requests a second per account and region.
      return new AwsError("ThrottlingException", 400, "Rate exceeded", "throttled");
  }
}

export function internalError(service: ServiceName): AwsError {
  switch (service) {
    case "identitystore":
      return new AwsError("InternalServerException", 500, "An internal error occurred.", "failed", {
        RetryAfterSeconds: 1,
      });
    case "sso":
      return new AwsError("InternalServerException", 500, "An internal error occurred.", "failed");
    case "organizations":
      return new AwsError(
        "ServiceException",
        500,
        "AWS Organizations can't complete your request because it encountered an internal error. Try again later.",
        "failed",
      );
    case "sts":
      return new AwsError("InternalFailure", 500, "An internal error occurred.", "failed");
    case "cloudtrail":
      return new AwsError("InternalServerError", 500, "An internal error occurred.", "failed");
  }
}

export function accessDenied(
  service: ServiceName,
  callerArn: string,
  action: string,
  resource: string,
): AwsError {
  const message =
    `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}` +
    ` because no identity-based policy allows the ${action} action`;
  return service === "sts"
    ? new AwsError("AccessDenied", 403, message, "denied")
    : new AwsError("AccessDeniedException", 403, message, "denied");
}

export function expiredToken(service: ServiceName): AwsError {
  const message = "The security token included in the request is expired";
  return service === "sts"
    ? new AwsError("ExpiredToken", 400, message, "denied")
    : new AwsError("ExpiredTokenException", 400, message, "denied");
}

export function unrecognizedClient(service: ServiceName): AwsError {
  const message = "The security token included in the request is invalid.";
  return service === "sts"
    ? new AwsError("InvalidClientTokenId", 403, message, "denied")
    : new AwsError("UnrecognizedClientException", 400, message, "denied");
}

export function missingAuthentication(service: ServiceName): AwsError {
  return service === "sts"
    ? new AwsError("MissingAuthenticationToken", 403, "Request is missing Authentication Token", "denied")
    : new AwsError("MissingAuthenticationTokenException", 400, "Missing Authentication Token", "denied");
}

export function invalidSignature(service: ServiceName): AwsError {
  const message =
    "The request signature we calculated does not match the signature you provided. " +
    "Check your AWS Secret Access Key and signing method.";
  return service === "sts"
    ? new AwsError("SignatureDoesNotMatch", 403, message, "denied")
    : new AwsError("InvalidSignatureException", 400, message, "denied");
}
