// What every part of one read shares: the clients, the connection values, the abort signal, and
// the two ways a call can go wrong — a required call throws its classified error, an optional one
// that AWS denies turns into one warning for its action (and is not tried again in this read). An
// optional extra never fails the read: whatever it meets after its retries becomes such a warning.
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AccessDeniedError, NotFoundError } from "../../domain/errors.js";
import type { ConnectionValues, SyncWarning } from "../../domain/model.js";
import { IAM_ACTIONS, type IamAction } from "./actions.js";
import { classifyAwsError } from "./aws-errors.js";
import type { ReadProgress } from "./index.js";

export interface ReadClients {
  identityStore: IdentitystoreClient;
  ssoAdmin: SSOAdminClient;
  organizations: OrganizationsClient;
  cloudTrail: CloudTrailClient;
}

/** Returned by an optional call that AWS denied (now or earlier in this read). */
export const DENIED = Symbol("denied");
export type Denied = typeof DENIED;

/** The AWS error code behind a classified error, e.g. "AWSOrganizationsNotInUseException". */
export function awsErrorName(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const cause = err.cause;
  if (typeof cause !== "object" || cause === null) return undefined;
  const name = (cause as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

export class ReadContext {
  readonly warnings: SyncWarning[] = [];
  readonly #denied = new Set<IamAction>();
  readonly #progress = new Map<string, number>();

  constructor(
    readonly clients: ReadClients,
    readonly values: ConnectionValues,
    readonly signal: AbortSignal,
    private readonly onProgress: ((progress: ReadProgress) => void) | undefined,
  ) {}

  /** The SDK's per-request options: aborting the read cancels requests in flight. */
  get sendOptions(): { abortSignal: AbortSignal } {
    return { abortSignal: this.signal };
  }

  /** Runs one required AWS call; any failure is thrown classified (abort: the abort reason). */
  async call<T>(action: IamAction, send: () => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    try {
      return await send();
    } catch (err) {
      throw this.#classify(err, action);
    }
  }

  /** Every page of a required paginated call. */
  async *pages<P>(action: IamAction, pages: AsyncIterable<P>): AsyncGenerator<P> {
    this.signal.throwIfAborted();
    const iterator = pages[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<P>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw this.#classify(err, action);
      }
      if (next.done === true) return;
      yield next.value;
      this.signal.throwIfAborted();
    }
  }

  /** All items of a required paginated call, flattened. */
  async collect<P, T>(
    action: IamAction,
    pages: AsyncIterable<P>,
    items: (page: P) => readonly T[] | undefined,
  ): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages(action, pages)) all.push(...(items(page) ?? []));
    return all;
  }

  /**
   * Runs an optional call: AccessDenied becomes one warning per action (`what` says what is
   * missing) and DENIED; later calls of a denied action are skipped. For an optional extra, any
   * failure but "not found" does the same (code optional_failed); for the others it is thrown.
   */
  async optional<T>(action: IamAction, what: string, run: () => Promise<T>): Promise<T | Denied> {
    if (this.#denied.has(action)) return DENIED;
    try {
      return await run();
    } catch (err) {
      const classified = this.#classify(err, action);
      if (this.signal.aborted) throw classified;
      if (classified instanceof AccessDeniedError) {
        this.deny(action, `${what} (${classified.message})`);
        return DENIED;
      }
      // "Not found" is an answer (no boundary, say); anything else an extra meets after the SDK's
      // retries leaves its part out, as a denial does, and is not tried again in this read.
      if (IAM_ACTIONS[action].grant === "extra" && !(classified instanceof NotFoundError)) {
        const message = classified instanceof Error ? classified.message : String(classified);
        this.#giveUp(action, "optional_failed", `${what} (${message})`);
        return DENIED;
      }
      throw classified;
    }
  }

  /** True when an optional action was denied earlier in this read. */
  isDenied(action: IamAction): boolean {
    return this.#denied.has(action);
  }

  /** Records that an optional part is missing because `action` was denied (once per action). */
  deny(action: IamAction, message: string): void {
    this.#giveUp(action, "access_denied", message);
  }

  #giveUp(action: IamAction, code: "access_denied" | "optional_failed", message: string): void {
    if (this.#denied.has(action)) return;
    this.#denied.add(action);
    this.warnings.push({ code, message, action });
  }

  warn(warning: SyncWarning): void {
    this.warnings.push(warning);
  }

  /** Counts `n` more items read in `phase` and reports the running total. */
  progress(phase: string, n: number): void {
    const done = (this.#progress.get(phase) ?? 0) + n;
    this.#progress.set(phase, done);
    this.onProgress?.({ phase, done });
  }

  #classify(err: unknown, action: IamAction): unknown {
    if (this.signal.aborted) return this.signal.reason;
    return classifyAwsError(err, action);
  }
}
