// The one place AWS errors are classified (aws-identity-center.md section 3): what the AWS SDK
// throws becomes an IdcSyncError that says whether to retry, which IAM action was denied, or what
// to fix. AWS's own message is kept (cut, with anything key- or token-like removed); the SDK error
// stays as `cause`.
import {
  AccessDeniedError,
  FatalError,
  IdcSyncError,
  NotFoundError,
  RetryableError,
} from "../../domain/errors.js";

/** Wait after a throttle that came without RetryAfterSeconds. */
export const DEFAULT_THROTTLE_WAIT_MS = 1000;
/** Wait after a passing server or network failure that came without RetryAfterSeconds. */
export const DEFAULT_TRANSIENT_WAIT_MS = 500;

// Names as the SDK sets `error.name` (the AWS error code). sso-admin's ThrottlingException may come
// as HTTP 400, Organizations' TooManyRequestsException too: the name decides, not the status.
const THROTTLE_NAMES = new Set([
  "ThrottlingException",
  "TooManyRequestsException",
  "Throttling",
  "ThrottledException",
  "RequestThrottled",
  "RequestThrottledException",
  "RequestLimitExceeded",
  "SlowDown",
  "PriorRequestNotComplete",
  "LimitExceededException",
]);
const TRANSIENT_NAMES = new Set([
  "InternalServerException",
  "InternalServerError",
  "InternalFailure",
  "InternalError",
  "ServiceException",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ConcurrentModificationException",
]);
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_HTTP2_STREAM_ERROR",
]);
const EXPIRED_NAMES = new Set(["ExpiredTokenException", "ExpiredToken"]);
const ACCESS_DENIED_NAMES = new Set(["AccessDenied", "AccessDeniedException"]);
const NOT_FOUND_NAMES = new Set([
  "ResourceNotFoundException",
  "AccountNotFoundException",
  "TargetNotFoundException",
]);
const BAD_CREDENTIAL_NAMES = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignature",
  "MissingAuthenticationToken",
]);

interface ErrorFacts {
  name: string;
  message: string;
  status: number | undefined;
  code: string | undefined;
  retryable: { throttling?: boolean } | undefined;
  reason: string | undefined;
  retryAfterSeconds: unknown;
  headers: Record<string, unknown> | undefined;
  /** The SDK corrected its clock after this error: a retry will be signed right. */
  clockSkewCorrected: boolean;
}

function field(obj: object, key: string): unknown {
  return (obj as Record<string, unknown>)[key];
}

function factsOf(err: unknown): ErrorFacts {
  if (typeof err !== "object" || err === null) {
    return {
      name: "Error",
      message: String(err),
      status: undefined,
      code: undefined,
      retryable: undefined,
      reason: undefined,
      retryAfterSeconds: undefined,
      headers: undefined,
      clockSkewCorrected: false,
    };
  }
  const metadata = field(err, "$metadata");
  const status =
    typeof metadata === "object" && metadata !== null ? field(metadata, "httpStatusCode") : undefined;
  const response = field(err, "$response");
  const headers = typeof response === "object" && response !== null ? field(response, "headers") : undefined;
  const retryable = field(err, "$retryable");
  const name = field(err, "name");
  const message = field(err, "message");
  const code = field(err, "code");
  const reason = field(err, "Reason");
  return {
    name: typeof name === "string" && name !== "" ? name : "Error",
    message: typeof message === "string" ? message : "",
    status: typeof status === "number" ? status : undefined,
    code: typeof code === "string" ? code : undefined,
    retryable: typeof retryable === "object" && retryable !== null ? retryable : undefined,
    reason: typeof reason === "string" ? reason : undefined,
    retryAfterSeconds: field(err, "RetryAfterSeconds"),
    headers:
      typeof headers === "object" && headers !== null ? (headers as Record<string, unknown>) : undefined,
    clockSkewCorrected:
      typeof metadata === "object" && metadata !== null && field(metadata, "clockSkewCorrected") === true,
  };
}

/** AWS's message, cut, with anything shaped like an access key id, a token or a signature removed. */
function safeMessage(message: string): string {
  const cleaned = message
    .replace(/\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g, "[redacted]")
    .replace(/[A-Za-z0-9+/=]{80,}/g, "[redacted]")
    .replace(/\s+/g, " ")
    .trim();
  return cleaned.length > 400 ? `${cleaned.slice(0, 397)}...` : cleaned;
}

function said(f: ErrorFacts): string {
  const message = safeMessage(f.message);
  return message === "" ? f.name : `${f.name}: ${message}`;
}

/**
 * True when the answer was not AWS's protocol at all: an HTML or XML page from a proxy, a firewall
 * or an emulator that lacks the action. The SDK could not parse it, so the error has no AWS error
 * code (no `$fault`), only the HTTP status, which then decides.
 */
function isForeignAnswer(err: unknown, f: ErrorFacts): boolean {
  if (typeof err !== "object" || err === null || f.status === undefined) return false;
  if (field(err, "$fault") !== undefined) return false;
  return f.name === "SyntaxError" || /Deserialization error/i.test(f.message);
}

/** "an HTML page with HTTP 500", for messages: what answered instead of AWS. */
function foreignAnswer(f: ErrorFacts): string {
  const type = f.headers?.["content-type"] ?? f.headers?.["Content-Type"];
  const kind =
    typeof type !== "string"
      ? "a page"
      : /html/i.test(type)
        ? "an HTML page"
        : /xml/i.test(type)
          ? "an XML page"
          : `a ${type.split(";")[0]?.trim() ?? "non-AWS"} answer`;
  return `${kind} with HTTP ${f.status ?? "?"}, not AWS's protocol (a proxy, a firewall or an emulator answered)`;
}

/** A foreign answer classified by its HTTP status alone: 403 denied, 401 bad credentials, 429 throttled, 5xx transient. */
function classifyForeign(f: ErrorFacts, action: string, err: unknown): IdcSyncError {
  const what = foreignAnswer(f);
  const status = f.status ?? 0;
  if (status === 403) {
    return new AccessDeniedError(action, `AWS denied ${action}: the answer was ${what}`, { cause: err });
  }
  if (status === 401) {
    return new FatalError(
      `The credentials idc-sync signed ${action} with were not accepted: the answer was ${what}`,
      { cause: err },
    );
  }
  if (status === 429) {
    return new RetryableError(
      `${action} was throttled: the answer was ${what}`,
      DEFAULT_THROTTLE_WAIT_MS,
      true,
      {
        cause: err,
      },
    );
  }
  if (status >= 500 && status <= 599) {
    return new RetryableError(
      `${action} failed for a passing reason: the answer was ${what}`,
      retryAfterMs(err) ?? DEFAULT_TRANSIENT_WAIT_MS,
      false,
      { cause: err },
    );
  }
  return new FatalError(`${action} failed: the answer was ${what}`, { cause: err });
}

/** True for AWS's "slow down" answers: throttling error names (any HTTP status), HTTP 429, or a throttling trait. */
export function isThrottle(err: unknown): boolean {
  const f = factsOf(err);
  return THROTTLE_NAMES.has(f.name) || f.status === 429 || f.retryable?.throttling === true;
}

/** True when the session credentials a call was signed with have expired: refresh them and retry. */
export function isExpiredCredentials(err: unknown): boolean {
  return EXPIRED_NAMES.has(factsOf(err).name);
}

/** True for passing server or network failures (5xx, timeouts, connection resets). Excludes throttling. */
export function isTransient(err: unknown): boolean {
  return transient(err, 0);
}

function transient(err: unknown, depth: number): boolean {
  const f = factsOf(err);
  if (f.name === "AbortError") return false;
  const cause = typeof err === "object" && err !== null ? field(err, "cause") : undefined;
  return (
    (cause !== undefined && depth < 3 && transient(cause, depth + 1)) ||
    TRANSIENT_NAMES.has(f.name) ||
    (f.code !== undefined && NETWORK_CODES.has(f.code)) ||
    (f.status !== undefined && f.status >= 500 && f.status <= 599) ||
    (f.retryable !== undefined && f.retryable.throttling !== true) ||
    f.clockSkewCorrected
  );
}

/**
 * The wait AWS asked for, in milliseconds: the modeled `RetryAfterSeconds` member (Identity Store),
 * else a numeric `Retry-After` response header. Undefined when AWS said nothing.
 */
export function retryAfterMs(err: unknown): number | undefined {
  const f = factsOf(err);
  const fromMember = Number(f.retryAfterSeconds);
  if (f.retryAfterSeconds !== undefined && f.retryAfterSeconds !== null && Number.isFinite(fromMember)) {
    return Math.max(0, fromMember * 1000);
  }
  const header = f.headers === undefined ? undefined : (f.headers["retry-after"] ?? f.headers["Retry-After"]);
  const fromHeader = typeof header === "string" && /^\d+(\.\d+)?$/.test(header.trim()) ? Number(header) : NaN;
  return Number.isFinite(fromHeader) ? fromHeader * 1000 : undefined;
}

function accessDenied(f: ErrorFacts, action: string, err: unknown): AccessDeniedError {
  if (action === "sts:AssumeRole") {
    return new AccessDeniedError(
      action,
      `idc-sync could not assume the role (sts:AssumeRole was denied): the role's trust policy must name the idc-sync platform principal and require sts:ExternalId to equal your organization's external id in idc-sync (AWS said ${said(f)})`,
      { cause: err },
    );
  }
  const kms =
    f.reason?.startsWith("KMS") === true ? "; the KMS key policy of Identity Center must allow it too" : "";
  return new AccessDeniedError(
    action,
    `AWS denied ${action}: the permission policy of the role must allow ${action}${kms} (AWS said ${said(f)})`,
    { cause: err },
  );
}

function fatal(f: ErrorFacts, action: string, err: unknown): FatalError {
  switch (f.name) {
    case "ValidationException":
      return new FatalError(
        `AWS rejected ${action} as invalid: check the connection's Identity Store ID, Instance ARN and Region (AWS said ${said(f)})`,
        { cause: err },
      );
    case "InvalidInputException":
      return new FatalError(
        f.reason === "INVALID_NEXT_TOKEN"
          ? `AWS Organizations refused a paging token in ${action}; run the sync again (AWS said ${said(f)})`
          : `AWS Organizations rejected ${action} as invalid (AWS said ${said(f)})`,
        { cause: err },
      );
    case "AWSOrganizationsNotInUseException":
      return new FatalError(
        `The role's AWS account is not in an AWS organization (${action}): create the role in your organization's management account (AWS said ${said(f)})`,
        { cause: err },
      );
    case "RegionDisabledException":
      return new FatalError(
        `STS is not enabled in the connection's region for the account of ${action}: enable the region in the AWS account, or use the region where Identity Center is enabled (AWS said ${said(f)})`,
        { cause: err },
      );
    default:
      if (BAD_CREDENTIAL_NAMES.has(f.name)) {
        return new FatalError(
          `AWS did not accept the credentials idc-sync signed ${action} with: check the platform's AWS credentials (AWS said ${said(f)})`,
          { cause: err },
        );
      }
      if (f.name === "AbortError") {
        return new FatalError(`${action} was cancelled`, { cause: err });
      }
      return new FatalError(`${action} failed: ${said(f)}`, { cause: err });
  }
}

/**
 * Classifies what an AWS call for `action` (an IAM action such as "identitystore:ListUsers") threw.
 * An IdcSyncError passes through unchanged, so wrapping twice is harmless.
 */
export function classifyAwsError(err: unknown, action: string): IdcSyncError {
  if (err instanceof IdcSyncError) return err;
  const f = factsOf(err);
  if (isForeignAnswer(err, f)) return classifyForeign(f, action, err);
  if (ACCESS_DENIED_NAMES.has(f.name)) return accessDenied(f, action, err);
  if (isThrottle(err)) {
    return new RetryableError(
      `AWS throttled ${action} (${said(f)})`,
      retryAfterMs(err) ?? DEFAULT_THROTTLE_WAIT_MS,
      true,
      { cause: err },
    );
  }
  if (isExpiredCredentials(err)) {
    return new RetryableError(
      `The session credentials for ${action} expired; they are refreshed on retry`,
      0,
      false,
      {
        cause: err,
      },
    );
  }
  if (NOT_FOUND_NAMES.has(f.name)) {
    return new NotFoundError(`${action}: not found (AWS said ${said(f)})`, { cause: err });
  }
  if (isTransient(err)) {
    return new RetryableError(
      `${action} failed for a passing reason (${said(f)}${f.code !== undefined && !f.name.includes(f.code) ? `, ${f.code}` : ""})`,
      retryAfterMs(err) ?? DEFAULT_TRANSIENT_WAIT_MS,
      false,
      { cause: err },
    );
  }
  return fatal(f, action, err);
}
