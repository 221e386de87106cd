// Contract schemas: a connection's usage summary from sign-in activity (optional extra
// cloudtrail:LookupEvents; CloudTrail keeps 90 days).
import { z } from "zod";
import { nullableIsoTime } from "./common.js";
import { connectionParams } from "./connections.js";

const count = z.number().int().nullable();

export const usageResponse = z
  .object({
    /** available: read; denied: cloudtrail:LookupEvents not granted; failed; never_read. */
    state: z.enum(["available", "denied", "failed", "never_read"]),
    /** The last successful read of CloudTrail. */
    readAt: nullableIsoTime,
    /**
     * How far back the history is read. A connection's first read of the 90 days takes hours at
     * scale (CloudTrail allows 2 requests a second) and goes on in the background: until
     * `backfilled`, a count that needs a longer look back than `knownSince` gives is null.
     */
    knownSince: nullableIsoTime,
    backfilled: z.boolean(),
    /** Why activity is not available, or the last passing failure; null otherwise. */
    message: z.string().nullable(),
    /** How far back CloudTrail's event history reaches: "never" means "not in these days". */
    horizonDays: z.number().int(),
    /** Live (not DELETED) users. */
    users: z.number().int(),
    /**
     * The counts below are null while activity is not available, or not yet read back far enough:
     * no data is not inactivity.
     */
    activeLast30Days: count,
    activeLast90Days: count,
    /** Users with no sign-in in the last 90 days. */
    neverSeen: count,
    /** ENABLED users who hold access and did not sign in for 90 days. */
    inactiveUsersWithAccess: count,
    /** Access rows (seats) held by those users. */
    seatsHeldByInactive: count,
  })
  .meta({ id: "UsageSummary" });
export type UsageResponse = z.infer<typeof usageResponse>;

export const usageRoutes = {
  getUsage: {
    method: "GET",
    path: "/api/connections/:connectionId/usage",
    summary:
      "Usage from sign-in activity: active in the last 30 and 90 days, never seen, seats held by people inactive 90 days",
    auth: true,
    params: connectionParams,
    status: 200,
    response: usageResponse,
  },
} as const;
