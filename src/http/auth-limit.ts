// A limit on failed authentication (issue 13, L5), per source address and per token prefix:
// after `maxFailures` failures within `windowMs`, further attempts from that source, or with a
// token beginning the same way from anywhere, are refused with 429 until the window passes,
// without looking the token up. Successful requests count nothing, so a busy API client is never
// slowed down. Counting is @fastify/rate-limit's (its in-memory store, one per process).
import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { RateLimitedError } from "./errors.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The failed-authentication limit every authenticating route consults. */
    authLimiter: AuthLimiter;
  }
}

export interface AuthLimits {
  /** Failed attempts allowed per source, and per token prefix, within the window. */
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = { maxFailures: 20, windowMs: 60_000 };

/** How much of a presented token keys the per-prefix count: enough to group guesses, never the secret. */
const PREFIX_LENGTH = 12;

type Check = ReturnType<FastifyInstance["createRateLimit"]>;

export interface AuthLimiter {
  /** Throws a RateLimitedError when the source or the token's prefix is blocked. */
  assertAllowed(req: FastifyRequest, token: string | undefined): Promise<void>;
  /** Counts a failed attempt. */
  recordFailure(req: FastifyRequest, token: string | undefined): Promise<void>;
}

const prefixes = new WeakMap<FastifyRequest, string>();

export async function registerAuthLimiter(app: FastifyInstance, limits: AuthLimits): Promise<AuthLimiter> {
  await app.register(fastifyRateLimit, { global: false });
  const options = { max: limits.maxFailures, timeWindow: limits.windowMs };
  const bySource: Check = app.createRateLimit({ ...options, keyGenerator: (req) => `source:${req.ip}` });
  const byPrefix: Check = app.createRateLimit({
    ...options,
    keyGenerator: (req) => `prefix:${prefixes.get(req) ?? ""}`,
  });
  const checks = (req: FastifyRequest, token: string | undefined): Check[] => {
    if (token === undefined || token === "") return [bySource];
    prefixes.set(req, token.slice(0, PREFIX_LENGTH));
    return [bySource, byPrefix];
  };
  const limiter: AuthLimiter = {
    async assertAllowed(req, token) {
      for (const check of checks(req, token)) {
        const state = await check(req, { increment: false });
        if (!state.isAllowed && state.remaining === 0 && state.ttl > 0) {
          throw new RateLimitedError(
            `too many failed sign-ins; try again in ${state.ttlInSeconds} s`,
            state.ttlInSeconds,
          );
        }
      }
    },
    async recordFailure(req, token) {
      for (const check of checks(req, token)) await check(req);
    },
  };
  app.decorate("authLimiter", limiter);
  return limiter;
}
