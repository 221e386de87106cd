// The middleware idc-sync adds to every AWS SDK client of a sync (see clients.ts). Placement,
// checked against @smithy/core's middleware stack and retry middleware:
// - "initialize" step, high priority: runs once per send(), outside the SDK's retry loop. It turns
//   an expired-token answer into a credential refresh and a new try (identity is resolved in the
//   "serialize" step, so retries inside one pass would reuse the stale credentials), and
//   classifies whatever else escapes, so every send() rejects with an IdcSyncError.
// - "build" step: records which cached credentials the pass was signed with.
// - "finalizeRequest", between retryMiddleware and httpSigningMiddleware: runs once per HTTP
//   attempt, retries included. It waits for the request budget (before signing, so a long wait
//   cannot outdate the signature), counts the attempt by IAM action and feeds throttling back.
import type {
  BuildMiddleware,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  InitializeMiddleware,
  Pluggable,
} from "@smithy/types";
import type { RequestBudget } from "../../aws-calls/request-budget.js";
import { actionForCommand, quotaBucketOf } from "./actions.js";
import { classifyAwsError, isExpiredCredentials, isThrottle, retryAfterMs } from "./aws-errors.js";
import type { RefreshableCredentials } from "./credentials.js";

/** Counts of a sync's AWS calls. */
export interface CallMeter {
  stats(): { callsByAction: Record<string, number>; retries: number; throttles: number };
}

/** The CallMeter the middleware writes to. */
export class CallCounter implements CallMeter {
  readonly #calls = new Map<string, number>();
  #retries = 0;
  #throttles = 0;

  /** One HTTP attempt of `action`; `retry` when it is not the call's first. */
  attempt(action: string, retry: boolean): void {
    this.#calls.set(action, (this.#calls.get(action) ?? 0) + 1);
    if (retry) this.#retries += 1;
  }

  throttled(): void {
    this.#throttles += 1;
  }

  stats(): { callsByAction: Record<string, number>; retries: number; throttles: number } {
    const callsByAction = Object.fromEntries([...this.#calls.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    return { callsByAction, retries: this.#retries, throttles: this.#throttles };
  }
}

/** What the middleware of one client reports to and draws from. */
export interface CallHooks {
  /** The client's service, as actionForCommand() takes it. */
  serviceId: string;
  budget: RequestBudget;
  meter: CallCounter;
  signal?: AbortSignal | undefined;
  /** The shared credential cache to refresh on an expired token; none for STS's own clients. */
  credentials?: RefreshableCredentials | undefined;
}

/**
 * AWS text may hold any character, NUL included, but PostgreSQL's text cannot hold NUL (a sync
 * would fail on it). Every AWS answer is made storable here, where it enters, so both databases
 * store and compare the same value: NUL becomes U+FFFD (the replacement character). Other control
 * characters are stored as they are (and neutralised by whatever writes them out).
 */
export function storableText<T>(value: T): T {
  if (typeof value === "string")
    return (value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value) as T;
  if (Array.isArray(value)) return value.map(storableText) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Date) && !ArrayBuffer.isView(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = storableText(v);
    return out as T;
  }
  return value;
}

/** How often one send() may refresh expired credentials and try again. */
const MAX_CREDENTIAL_REFRESHES = 2;

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
}

function actionOf(serviceId: string, context: HandlerExecutionContext): string {
  const command: unknown = context.commandName;
  return actionForCommand(serviceId, typeof command === "string" ? command : "UnknownCommand");
}

/** The plugin to `use` on a client's middleware stack; one per client. */
export function callPlugin<I extends object, O extends object>(hooks: CallHooks): Pluggable<I, O> {
  const { serviceId, budget, meter, signal, credentials } = hooks;
  const attempts = new WeakMap<HandlerExecutionContext, number>();
  const generations = new WeakMap<HandlerExecutionContext, number>();

  const perCall: InitializeMiddleware<I, O> = (next, context) => async (args) => {
    const action = actionOf(serviceId, context);
    if (signal?.aborted) throw abortError(signal);
    for (let refreshes = 0; ; refreshes += 1) {
      try {
        const result = await next(args);
        return { ...result, output: storableText(result.output) };
      } catch (err) {
        if (signal?.aborted) throw abortError(signal);
        const used = generations.get(context);
        if (credentials !== undefined && used !== undefined && refreshes < MAX_CREDENTIAL_REFRESHES) {
          if (isExpiredCredentials(err)) {
            credentials.invalidate(used);
            continue;
          }
        }
        throw classifyAwsError(err, action);
      }
    }
  };

  const recordCredentials: BuildMiddleware<I, O> = (next, context) => (args) => {
    if (credentials !== undefined) generations.set(context, credentials.generation());
    return next(args);
  };

  const perAttempt: FinalizeRequestMiddleware<I, O> = (next, context) => async (args) => {
    const action = actionOf(serviceId, context);
    const bucket = quotaBucketOf(action);
    const attempt = (attempts.get(context) ?? 0) + 1;
    attempts.set(context, attempt);
    await budget.acquire(bucket, signal);
    meter.attempt(action, attempt > 1);
    try {
      const result = await next(args);
      budget.onSuccess(bucket);
      return result;
    } catch (err) {
      if (isThrottle(err)) {
        meter.throttled();
        const waitMs = retryAfterMs(err);
        budget.onThrottle(bucket, waitMs === undefined ? undefined : waitMs / 1000);
      }
      throw err;
    }
  };

  return {
    applyToStack(stack) {
      stack.add(perCall, { step: "initialize", priority: "high", name: "idcSyncPerCall", override: true });
      stack.add(recordCredentials, {
        step: "build",
        priority: "high",
        name: "idcSyncCredentialGeneration",
        override: true,
      });
      stack.addRelativeTo(perAttempt, {
        relation: "before",
        toMiddleware: "httpSigningMiddleware",
        name: "idcSyncPerAttempt",
        override: true,
      });
    },
  };
}
