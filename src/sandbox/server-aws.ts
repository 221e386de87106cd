// One AWS request, end to end: protocol (JSON 1.1 by X-Amz-Target, or STS's Query protocol),
// authentication, throttling, denials, injected 5xx, the operation, latency, counting.
// Order as AWS: authenticate, throttle, authorize, then validate and run.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Auth, Caller, SignedRequest } from "./auth.js";
import type { Counters } from "./counters.js";
import type { FaultInjector } from "./faults.js";
import type { OpContext, OpTable } from "./ops/context.js";
import { cloudTrailOps } from "./ops/cloudtrail.js";
import { identityStoreOps } from "./ops/identitystore.js";
import { organizationsOps } from "./ops/organizations.js";
import { ssoAdminOps } from "./ops/sso-admin.js";
import { stsOps } from "./ops/sts.js";
import {
  accessDenied,
  AwsError,
  internalError,
  organizationsNotInUse,
  serializationError,
  throttled,
  unknownOperation,
  type ServiceName,
} from "./protocol/errors.js";
import { sendJson, sendJsonError, splitTarget, TARGET_PREFIXES } from "./protocol/json.js";
import { sendQueryError, sendQueryResult, STS_VERSION } from "./protocol/query.js";

export interface AwsDeps {
  context(): OpContext;
  auth: Auth;
  faults: FaultInjector;
  counters: Counters;
  now: () => number;
  onInternalError: (err: unknown) => void;
}

const JSON_OPS: Record<Exclude<ServiceName, "sts">, OpTable> = {
  identitystore: identityStoreOps,
  sso: ssoAdminOps,
  organizations: organizationsOps,
  cloudtrail: cloudTrailOps,
};

/**
 * The IAM action a request counts under. Unknown operations of a known service count under
 * their would-be action (so tests can assert a sync never tried a write), junk under "unknown".
 */
function actionName(service: ServiceName, operation: string): string {
  return /^[A-Z][A-Za-z0-9]{0,99}$/.test(operation) ? `${service}:${operation}` : "unknown";
}

/** Operations with no permission to deny (AWS answers them whatever the policy says). */
const NEVER_DENIED = new Set(["sts:GetCallerIdentity"]);

function asAwsError(err: unknown, service: ServiceName, deps: AwsDeps): AwsError {
  if (err instanceof AwsError) return err;
  deps.onInternalError(err);
  return internalError(service);
}

function signed(req: IncomingMessage, body: Buffer): SignedRequest {
  return { headers: req.headers, method: req.method ?? "POST", url: req.url ?? "/", body };
}

async function delay(deps: AwsDeps): Promise<void> {
  const ms = deps.faults.latencyMs;
  if (ms > 0) await sleep(ms);
}

function deniedResource(service: ServiceName, ctx: OpContext, input: Record<string, unknown>): string {
  const field = (name: string) => (typeof input[name] === "string" ? input[name] : undefined);
  if (service === "identitystore") {
    const store = field("IdentityStoreId") ?? "*";
    return `arn:${ctx.index.partition}:identitystore::${ctx.world.instance.OwnerAccountId}:identitystore/${store}`;
  }
  if (service === "sso") return field("InstanceArn") ?? field("ResourceArn") ?? "*";
  return "*";
}

/** The checks every data-plane call passes before its operation runs; throws AwsError. */
function admit(
  deps: AwsDeps,
  service: Exclude<ServiceName, "sts">,
  op: string,
  caller: Caller,
  input: Record<string, unknown>,
  ctx: OpContext,
): void {
  const retryAfter = deps.faults.throttle(service, op);
  if (retryAfter > 0) throw throttled(service, retryAfter, deps.faults.organizationsThrottleStatus);
  const action = `${service}:${op}`;
  // The platform's own keys have no rights in the customer's account: it must assume the role.
  if ((caller.kind === "platform" && deps.auth.requireAssumedRole) || deps.faults.isDenied(action)) {
    throw accessDenied(service, caller.arn, action, deniedResource(service, ctx, input));
  }
  if (service === "organizations" && deps.faults.organizationsNotInUse) throw organizationsNotInUse();
  if (deps.faults.shouldFail()) throw internalError(service);
}

export async function handleJsonRequest(
  deps: AwsDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  target: string,
  requestId: string,
): Promise<void> {
  const parts = splitTarget(target);
  const service = parts === undefined ? undefined : TARGET_PREFIXES[parts.prefix];
  const table = service === undefined ? undefined : JSON_OPS[service];
  const handler =
    table !== undefined && parts !== undefined && Object.hasOwn(table, parts.operation)
      ? table[parts.operation]
      : undefined;
  const action =
    service === undefined || parts === undefined ? "unknown" : actionName(service, parts.operation);
  const errorService: ServiceName = service ?? "identitystore";
  const html = deps.faults.htmlAnswer(action);
  if (html !== undefined) {
    // Not AWS at all: a proxy's or an emulator's own page, without AWS's error headers.
    await delay(deps);
    sendHtml(res, html);
    deps.counters.record(
      action,
      html === 403 || html === 401 ? "denied" : html === 429 ? "throttled" : "failed",
    );
    return;
  }
  try {
    if (service === undefined || parts === undefined || handler === undefined) throw unknownOperation(target);
    const caller = deps.auth.authenticate(service, signed(req, body));
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString("utf8"));
    } catch {
      throw serializationError(
        "Start of structure or map found where not expected, or the body is not valid JSON.",
      );
    }
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      throw serializationError("The request body must be a JSON object.");
    }
    const ctx = deps.context();
    admit(deps, service, parts.operation, caller, input as Record<string, unknown>, ctx);
    const result = handler(ctx, input);
    await delay(deps);
    sendJson(res, requestId, result);
    deps.counters.record(action, "ok");
  } catch (err) {
    const error = asAwsError(err, errorService, deps);
    await delay(deps);
    sendJsonError(res, requestId, error);
    deps.counters.record(action, error.outcome);
  }
}

export async function handleQueryRequest(
  deps: AwsDeps,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  requestId: string,
): Promise<void> {
  const params = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
  const name = params.Action ?? "";
  const handler = Object.hasOwn(stsOps, name) ? stsOps[name] : undefined;
  const action = actionName("sts", name);
  let caller: Caller | undefined;
  try {
    if (handler === undefined || (params.Version !== undefined && params.Version !== STS_VERSION)) {
      throw new AwsError(
        "InvalidAction",
        400,
        `Could not find operation ${name.slice(0, 100)} for version ${params.Version ?? "(none)"}`,
        "invalid",
      );
    }
    caller = deps.auth.authenticate("sts", signed(req, body));
    const retryAfter = deps.faults.throttle("sts", name);
    if (retryAfter > 0) throw throttled("sts", retryAfter, deps.faults.organizationsThrottleStatus);
    if (!NEVER_DENIED.has(action) && deps.faults.isDenied(action)) {
      throw accessDenied("sts", caller.arn, action, params.RoleArn ?? "*");
    }
    const result = handler({ auth: deps.auth, caller }, params);
    await delay(deps);
    sendQueryResult(res, requestId, name, result);
    deps.counters.record(action, "ok");
    if (name === "AssumeRole") recordAssumeRole(deps, params, "ok", undefined, caller.arn);
  } catch (err) {
    const error = asAwsError(err, "sts", deps);
    await delay(deps);
    sendQueryError(res, requestId, error);
    deps.counters.record(action, error.outcome);
    if (name === "AssumeRole") recordAssumeRole(deps, params, error.outcome, error.code, caller?.arn);
  }
}

function recordAssumeRole(
  deps: AwsDeps,
  params: Record<string, string>,
  outcome: AwsError["outcome"],
  errorCode: string | undefined,
  callerArn: string | undefined,
): void {
  const duration = params.DurationSeconds === undefined ? undefined : Number(params.DurationSeconds);
  deps.counters.recordAssumeRole({
    at: new Date(deps.now()).toISOString(),
    outcome,
    ...(errorCode === undefined ? {} : { errorCode }),
    ...(params.RoleArn === undefined ? {} : { roleArn: params.RoleArn }),
    ...(params.ExternalId === undefined ? {} : { externalId: params.ExternalId }),
    ...(params.RoleSessionName === undefined ? {} : { roleSessionName: params.RoleSessionName }),
    ...(duration === undefined || !Number.isFinite(duration) ? {} : { durationSeconds: duration }),
    ...(callerArn === undefined ? {} : { callerArn }),
  });
}

/** An HTML error page as a proxy or an emulator serves it: not AWS's protocol, no x-amzn headers. */
function sendHtml(res: ServerResponse, status: number): void {
  const text = `<!DOCTYPE html>\n<html><head><title>Error ${status}</title></head><body><h1>Error ${status}</h1><p>The server could not handle this request.</p></body></html>\n`;
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}
