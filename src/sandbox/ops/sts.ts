// STS operations (Query protocol): AssumeRole against the trust policy in auth.ts, and
// GetCallerIdentity (needs no permission; cannot be denied).
import { z } from "zod";
import type { Auth, Caller } from "../auth.js";
import type { XmlNode } from "../protocol/query.js";
import { parseInput } from "../protocol/validate.js";

const assumeRoleInput = z.object({
  RoleArn: z.string().min(20).max(2048),
  RoleSessionName: z
    .string()
    .min(2)
    .max(64)
    .regex(/^[\w+=,.@-]*$/),
  DurationSeconds: z.coerce.number().int().min(900).max(43_200).optional(),
  ExternalId: z
    .string()
    .min(2)
    .max(1224)
    .regex(/^[\w+=,.@:/-]*$/)
    .optional(),
});

export interface StsContext {
  auth: Auth;
  caller: Caller;
}

export type StsHandler = (ctx: StsContext, params: Record<string, string>) => XmlNode;

/** ISO 8601 without milliseconds, as STS writes it. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export const stsOps: Record<string, StsHandler> = {
  AssumeRole(ctx, params) {
    const input = parseInput("sts", assumeRoleInput, params);
    const session = ctx.auth.assumeRole(
      ctx.caller,
      input.RoleArn,
      input.RoleSessionName,
      input.DurationSeconds ?? 3600,
      input.ExternalId,
    );
    return {
      AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: isoSeconds(session.expiresAt),
      },
      PackedPolicySize: undefined,
    };
  },

  GetCallerIdentity(ctx) {
    return { Arn: ctx.caller.arn, UserId: ctx.caller.userId, Account: ctx.caller.accountId };
  },
};
