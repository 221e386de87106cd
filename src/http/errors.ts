// Maps every error a route can throw to a status and the one error body shape
// `{ error: { code, message, field?, action? } }`. Unknown errors become a generic 500 (logged).
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { AccessDeniedError, IdcSyncError, ValidationError } from "../domain/errors.js";
import { storageErrorOf } from "../domain/storage-errors.js";
import type { ConnectRefused, ErrorBody } from "./api-contract.js";

/** The caller's token is missing or wrong. */
export class UnauthorizedError extends IdcSyncError {
  constructor(message: string) {
    super("unauthorized", message);
  }
}

/** The caller is known but may not do this (a read-only token, a request from another site). */
export class ForbiddenError extends IdcSyncError {
  constructor(code: "forbidden" | "cross_origin", message: string) {
    super(code, message);
  }
}

/** Too many failed sign-ins from one source or with one token prefix: wait `retryAfterSeconds`. */
export class RateLimitedError extends IdcSyncError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super("rate_limited", message);
  }
}

/** A connection refused by its connect-time checks: the body lists every check (ConnectRefused). */
export class ConnectRefusedError extends IdcSyncError {
  constructor(
    readonly status: 400 | 422,
    readonly refusal: ConnectRefused,
  ) {
    super(refusal.error.code, refusal.error.message);
  }
}

const statusByCode: Record<string, number> = {
  validation_error: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  // A stored endpoint the allowlist no longer covers: the request was fine, the connection is not.
  endpoint_not_allowed: 422,
  cross_origin: 403,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  // An AWS denial (e.g. while checking values) is not the API caller's fault: the request was
  // well-formed, the customer's role lacks an action. 422 says "understood, cannot be processed".
  access_denied: 422,
  throttled: 503,
  retryable: 503,
  fatal: 422,
  // The operator's to fix (free space, make the disk writable); the request may be retried then.
  storage_full: 507,
  storage_read_only: 503,
};

function body(code: string, message: string, extra: { field?: string; action?: string } = {}): ErrorBody {
  return { error: { code, message, ...extra } };
}

/** Turns a zod error into a ValidationError naming the first bad field (prefixed with `where`). */
export function zodToValidationError(err: z.ZodError, where: string): ValidationError {
  const issue = err.issues[0];
  // A query or path parameter is named as such (`kind`, not `kind.0` for one item of a list).
  const segments = (issue?.path ?? []).map(String);
  const path = (where === "body" ? segments : segments.slice(0, 1)).join(".");
  const field = path === "" ? where : path;
  let message = issue?.message ?? "invalid value";
  if (issue?.code === "unrecognized_keys") {
    const keys = issue.keys.join(", ");
    return new ValidationError(
      keys,
      `${where}: unknown field${issue.keys.length > 1 ? "s" : ""} ${keys}; remove ${issue.keys.length > 1 ? "them" : "it"}`,
    );
  }
  if (issue?.code === "invalid_type" && issue.input === undefined) message = "is required";
  return new ValidationError(field, `${where} ${field}: ${message}`);
}

/** Parses `input` with `schema`; throws a ValidationError naming the field on failure. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw zodToValidationError(parsed.error, where);
  return parsed.data;
}

export interface MappedError {
  status: number;
  body: ErrorBody;
  /** True for failures of ours (500): they are logged with their stack. */
  internal: boolean;
}

export function mapError(err: unknown): MappedError {
  if (err instanceof ConnectRefusedError) return { status: err.status, body: err.refusal, internal: false };
  if (err instanceof ValidationError) {
    return { status: 400, body: body(err.code, err.message, { field: err.field }), internal: false };
  }
  if (err instanceof AccessDeniedError) {
    return { status: 422, body: body(err.code, err.message, { action: err.action }), internal: false };
  }
  if (err instanceof IdcSyncError) {
    const status = statusByCode[err.code];
    if (status !== undefined) return { status, body: body(err.code, err.message), internal: false };
    return { status: 500, body: body("internal", "Internal error; see the server log"), internal: true };
  }
  const storage = storageErrorOf(err);
  if (storage !== null) {
    return {
      status: statusByCode[storage.code] ?? 503,
      body: body(storage.code, storage.message),
      internal: false,
    };
  }
  if (err instanceof z.ZodError) {
    const v = zodToValidationError(err, "input");
    return { status: 400, body: body(v.code, v.message, { field: v.field }), internal: false };
  }
  // Fastify's own 4xx errors: malformed JSON, wrong content type, body too large, ...
  const fe = err as Partial<FastifyError>;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = fe.statusCode === 404 ? "not_found" : "bad_request";
    const message =
      fe.code?.startsWith("FST_ERR_CTP") === true ? `body: ${fe.message}` : (fe.message ?? "bad request");
    return { status: fe.statusCode, body: body(code, message, { field: "body" }), internal: false };
  }
  return { status: 500, body: body("internal", "Internal error; see the server log"), internal: true };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped = mapError(err);
  if (err instanceof RateLimitedError) void reply.header("retry-after", String(err.retryAfterSeconds));
  if (mapped.internal) req.log.error({ err }, "request failed");
  // Not a bug, but the operator must hear of it: the body tells the caller, the log the operator.
  else if (mapped.body.error.code.startsWith("storage_"))
    req.log.error({ code: mapped.body.error.code }, mapped.body.error.message);
  return reply.status(mapped.status).type("application/json").send(mapped.body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .send(body("not_found", `no route ${req.method} ${req.url.split("?")[0] ?? ""}; see /api/openapi.json`));
}
