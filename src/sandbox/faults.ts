// Injected faults, all changeable at run time: per-call latency, request-rate token buckets shaped
// like AWS's quotas, a seeded 5xx rate, IAM actions denied as AccessDenied, and actions answered
// with an HTML page instead of AWS's protocol (as a proxy or an incomplete emulator answers).
import { z } from "zod";
import type { ServiceName } from "./protocol/errors.js";

/** Requests per second. Identity Store's quota is per API, SSO Admin's is shared by all its APIs. */
export interface RateLimits {
  identitystorePerApi: number;
  ssoAdmin: number;
  organizations: number;
  sts: number;
  /** CloudTrail LookupEvents: 2 per second per account and region. */
  cloudtrail: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  identitystorePerApi: 20,
  ssoAdmin: 20,
  organizations: 10,
  sts: 50,
  cloudtrail: 2,
};

const rate = z.number().positive().max(1_000_000);

export const faultsInputSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  /** true: AWS-like defaults; false: off; an object: those rates (others default). */
  rateLimits: z
    .union([
      z.boolean(),
      z.strictObject({
        identitystorePerApi: rate.optional(),
        ssoAdmin: rate.optional(),
        organizations: rate.optional(),
        sts: rate.optional(),
        cloudtrail: rate.optional(),
      }),
    ])
    .optional(),
  /** Share of identitystore/sso/organizations calls answered with a 5xx (seeded, reproducible). */
  errorRate5xx: z.number().min(0).max(1).optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** IAM actions answered with AccessDenied, e.g. "sso:ListAccountAssignments", "sts:AssumeRole". */
  deniedActions: z
    .array(z.string().regex(/^[a-z-]+:[A-Za-z0-9]+$/, "expected an IAM action like sso:ListInstances"))
    .optional(),
  /**
   * Actions answered with an HTML page and this HTTP status instead of AWS's protocol, as a proxy
   * or an emulator that lacks the action answers: e.g. { "sso:DescribeInstance": 500 }.
   */
  htmlAnswers: z
    .record(
      z.string().regex(/^[a-z-]+:[A-Za-z0-9]+$/, "expected an IAM action like sso:ListInstances"),
      z.number().int().min(400).max(599),
    )
    .optional(),
  /** HTTP status of Organizations' TooManyRequestsException: 429 per the model, 400 as seen live. */
  organizationsThrottleStatus: z.union([z.literal(400), z.literal(429)]).optional(),
  /** Organizations answers AWSOrganizationsNotInUseException (the caller's account is in no organization). */
  organizationsNotInUse: z.boolean().optional(),
});

export type FaultsInput = z.input<typeof faultsInputSchema>;

export interface Faults {
  latencyMs: number;
  rateLimits: RateLimits | false;
  errorRate5xx: number;
  seed: number;
  deniedActions: string[];
  htmlAnswers: Record<string, number>;
  organizationsThrottleStatus: 400 | 429;
  organizationsNotInUse: boolean;
}

const NO_FAULTS: Faults = {
  latencyMs: 0,
  rateLimits: false,
  errorRate5xx: 0,
  seed: 1,
  deniedActions: [],
  htmlAnswers: {},
  organizationsThrottleStatus: 400,
  organizationsNotInUse: false,
};

/** Parses faults from an untrusted source (admin route, CLI); throws an Error naming the field. */
export function parseFaultsInput(input: unknown): FaultsInput {
  const parsed = faultsInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid fault '${issue?.path.join(".") || "(faults)"}': ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** mulberry32: small, seedable; enough for a reproducible fault sequence. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class TokenBucket {
  private tokens: number;
  private readonly capacity: number;

  constructor(
    private readonly rate: number,
    private last: number,
  ) {
    // One second's worth of burst, as AWS's per-second quotas allow.
    this.capacity = Math.max(1, rate);
    this.tokens = this.capacity;
  }

  /** 0 when a token was taken; otherwise the whole seconds to wait before one is there. */
  take(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.last) / 1000;
    this.last = nowMs;
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.rate);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.rate));
  }
}

export class FaultInjector {
  private faults: Faults = { ...NO_FAULTS };
  private buckets = new Map<string, TokenBucket>();
  private random: () => number = mulberry32(NO_FAULTS.seed);
  private denied = new Set<string>();

  constructor(
    private readonly now: () => number,
    input: FaultsInput = {},
  ) {
    this.set(input);
  }

  get current(): Faults {
    return {
      ...this.faults,
      deniedActions: [...this.faults.deniedActions],
      htmlAnswers: { ...this.faults.htmlAnswers },
    };
  }

  /** Merges: fields given replace the current ones, others stay. */
  set(input: FaultsInput): void {
    const next: Faults = { ...this.faults };
    if (input.latencyMs !== undefined) next.latencyMs = input.latencyMs;
    if (input.errorRate5xx !== undefined) next.errorRate5xx = input.errorRate5xx;
    if (input.deniedActions !== undefined) next.deniedActions = [...input.deniedActions];
    if (input.htmlAnswers !== undefined) next.htmlAnswers = { ...input.htmlAnswers };
    if (input.organizationsThrottleStatus !== undefined) {
      next.organizationsThrottleStatus = input.organizationsThrottleStatus;
    }
    if (input.organizationsNotInUse !== undefined) next.organizationsNotInUse = input.organizationsNotInUse;
    if (input.rateLimits !== undefined) {
      const r = input.rateLimits;
      next.rateLimits =
        r === false
          ? false
          : r === true
            ? { ...DEFAULT_RATE_LIMITS }
            : {
                identitystorePerApi: r.identitystorePerApi ?? DEFAULT_RATE_LIMITS.identitystorePerApi,
                ssoAdmin: r.ssoAdmin ?? DEFAULT_RATE_LIMITS.ssoAdmin,
                organizations: r.organizations ?? DEFAULT_RATE_LIMITS.organizations,
                sts: r.sts ?? DEFAULT_RATE_LIMITS.sts,
                cloudtrail: r.cloudtrail ?? DEFAULT_RATE_LIMITS.cloudtrail,
              };
      this.buckets.clear();
    }
    if (input.seed !== undefined || input.errorRate5xx !== undefined) {
      next.seed = input.seed ?? next.seed;
      this.random = mulberry32(next.seed);
    }
    this.faults = next;
    this.denied = new Set(next.deniedActions);
  }

  get latencyMs(): number {
    return this.faults.latencyMs;
  }

  get organizationsThrottleStatus(): 400 | 429 {
    return this.faults.organizationsThrottleStatus;
  }

  get organizationsNotInUse(): boolean {
    return this.faults.organizationsNotInUse;
  }

  isDenied(action: string): boolean {
    return this.denied.has(action);
  }

  /** The HTTP status of the HTML page that answers `action` instead of AWS, if one does. */
  htmlAnswer(action: string): number | undefined {
    return Object.hasOwn(this.faults.htmlAnswers, action) ? this.faults.htmlAnswers[action] : undefined;
  }

  /** 0 if the call may go on, else RetryAfterSeconds for the throttling error. */
  throttle(service: ServiceName, operation: string): number {
    const limits = this.faults.rateLimits;
    if (limits === false) return 0;
    const [key, perSecond] =
      service === "identitystore"
        ? [`identitystore:${operation}`, limits.identitystorePerApi]
        : service === "sso"
          ? ["sso", limits.ssoAdmin]
          : service === "organizations"
            ? ["organizations", limits.organizations]
            : service === "cloudtrail"
              ? ["cloudtrail", limits.cloudtrail]
              : ["sts", limits.sts];
    let bucket = this.buckets.get(key);
    const now = this.now();
    if (bucket === undefined) {
      bucket = new TokenBucket(perSecond, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  /** Whether this call gets an injected 5xx (draws from the seeded sequence only when the rate is on). */
  shouldFail(): boolean {
    return this.faults.errorRate5xx > 0 && this.random() < this.faults.errorRate5xx;
  }
}
