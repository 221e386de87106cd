// The AWS JSON 1.1 protocol, server side: `POST /` with `X-Amz-Target: <Prefix>.<Operation>`,
// a JSON body, JSON replies; errors carry their code in `__type` and `x-amzn-errortype`.
import type { ServerResponse } from "node:http";
import type { AwsError, ServiceName } from "./errors.js";

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/** Target prefix -> service (and IAM action prefix). */
export const TARGET_PREFIXES: Record<string, Exclude<ServiceName, "sts">> = {
  AWSIdentityStore: "identitystore",
  SWBExternalService: "sso",
  AWSOrganizationsV20161128: "organizations",
  // The model's full name, and the short one the AWS SDK for JavaScript v3 sends.
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
  CloudTrail_20131101: "cloudtrail",
};

export function splitTarget(target: string): { prefix: string; operation: string } | undefined {
  // The last dot: CloudTrail's prefix has dots of its own.
  const dot = target.lastIndexOf(".");
  if (dot <= 0 || dot === target.length - 1) return undefined;
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

/** `body` is either an object or already serialized JSON bytes (the fast path for big pages). */
export function sendJson(res: ServerResponse, requestId: string, body: object): void {
  const text = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
  res.writeHead(200, {
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": text.length,
    "x-amzn-RequestId": requestId,
  });
  res.end(text);
}

export function sendJsonError(res: ServerResponse, requestId: string, error: AwsError): void {
  const text = JSON.stringify({ __type: error.code, Message: error.message, ...error.fields });
  res.writeHead(error.status, {
    ...error.headers,
    "Content-Type": JSON_CONTENT_TYPE,
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": requestId,
    "x-amzn-ErrorType": error.code,
  });
  res.end(text);
}
