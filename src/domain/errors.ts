// Error classes of idc-sync. Each carries a stable `code` (used in API error bodies, CLI output
// and stored sync errors) and chains the underlying `cause`. Messages never contain secrets.

export interface ErrorOptions {
  cause?: unknown;
}

export class IdcSyncError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad input: names the field and how to fix it. HTTP 400, CLI exit 2. */
export class ValidationError extends IdcSyncError {
  readonly field: string;
  constructor(field: string, message: string, options: ErrorOptions = {}) {
    super("validation_error", message, options);
    this.field = field;
  }
}

export class NotFoundError extends IdcSyncError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("not_found", message, options);
  }
}

export class ConflictError extends IdcSyncError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("conflict", message, options);
  }
}

/** AWS refused an action: `action` is the IAM action to add to the customer's policy. */
export class AccessDeniedError extends IdcSyncError {
  readonly action: string;
  constructor(action: string, message: string, options: ErrorOptions = {}) {
    super("access_denied", message, options);
    this.action = action;
  }
}

/** A passing failure (throttling, 5xx, network): worth trying again after `waitMs`. */
export class RetryableError extends IdcSyncError {
  readonly waitMs: number;
  readonly throttled: boolean;
  constructor(message: string, waitMs: number, throttled: boolean, options: ErrorOptions = {}) {
    super(throttled ? "throttled" : "retryable", message, options);
    this.waitMs = waitMs;
    this.throttled = throttled;
  }
}

/** Anything that will not get better by retrying. */
export class FatalError extends IdcSyncError {
  constructor(message: string, options: ErrorOptions = {}) {
    super("fatal", message, options);
  }
}
