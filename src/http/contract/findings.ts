// Contract schemas and routes: findings (src/domain/findings/), per connection and across the
// organization, and accepting one.
import { z } from "zod";
import { FINDING_RULES, FINDING_SEVERITIES, FINDING_SUBJECT_TYPES } from "../../domain/findings/types.js";
import { idParam, isoTime, nextCursor, nullableIsoTime, pageQuery } from "./common.js";

export const findingSeveritySchema = z.enum(FINDING_SEVERITIES);

export const findingCountsSchema = z
  .object({
    /** Open findings per severity (accepted ones are not open). */
    open: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() }),
    accepted: z.number().int(),
    resolved: z.number().int(),
  })
  .meta({ id: "FindingCounts" });
export type FindingCountsView = z.infer<typeof findingCountsSchema>;

export const findingSchema = z
  .object({
    id: z.string().meta({ description: "Stable across syncs: the same rule and subject, the same id" }),
    rule: z.enum(FINDING_RULES),
    severity: findingSeveritySchema,
    status: z.enum(["open", "resolved", "accepted"]),
    subject: z.object({ type: z.enum(FINDING_SUBJECT_TYPES), id: z.string(), name: z.string().nullable() }),
    accountId: z.string().nullable(),
    permissionSetArn: z.string().nullable(),
    userId: z.string().nullable(),
    groupId: z.string().nullable(),
    message: z.string(),
    /** The facts behind it ("why"): policy statements, paths (via), counts; per rule (README). */
    details: z.record(z.string(), z.unknown()),
    firstSeenAt: isoTime,
    lastSeenAt: isoTime,
    resolvedAt: nullableIsoTime,
    acceptance: z.object({ by: z.string(), reason: z.string(), at: isoTime }).nullable(),
    /** The connection it was found in (lists may span connections). */
    connectionId: z.string(),
  })
  .meta({ id: "Finding" });
export type FindingItem = z.infer<typeof findingSchema>;

/** Comma-separated values of an enum, e.g. `high,medium`. */
const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(2000)
    .transform((v) => v.split(",").map((k) => k.trim()))
    .pipe(z.array(z.enum(values)).min(1));

const findingFilters = {
  /** One rule or several, comma-separated, e.g. `access.admin,user.disabled_with_access`. */
  rule: csvOf(FINDING_RULES).optional(),
  /** One severity or several, comma-separated. */
  severity: csvOf(FINDING_SEVERITIES).optional(),
  /** open (default), resolved, accepted or all. */
  status: z.enum(["open", "resolved", "accepted", "all"]).default("open"),
  userId: z.string().max(200).optional(),
  accountId: z.string().max(64).optional(),
  permissionSetArn: z.string().max(2048).optional(),
  groupId: z.string().max(200).optional(),
  ...pageQuery,
};
export const connectionFindingsQuery = z.strictObject(findingFilters);
export const findingsQuery = z.strictObject({
  /** Only this connection's findings; all the organization's otherwise. */
  connectionId: idParam.optional(),
  ...findingFilters,
});
export type FindingsQuery = z.input<typeof findingsQuery>;

export const findingListResponse = z.object({
  items: z.array(findingSchema),
  nextCursor,
  /** Over the same filters except status and severity. */
  counts: findingCountsSchema,
});
export type FindingListResponse = z.infer<typeof findingListResponse>;

export const findingParams = z.strictObject({ connectionId: idParam, findingId: idParam });
export const acceptFindingBody = z.strictObject({
  reason: z.string().trim().min(1, "say why the finding is accepted").max(1000),
  /** Who accepts it (a name or email): tokens belong to an organization, not to a person. */
  acceptedBy: z.string().trim().min(1, "say who accepts the finding").max(200),
});
export type AcceptFindingBody = z.input<typeof acceptFindingBody>;

const connectionParamsLocal = z.strictObject({ connectionId: idParam });

export const findingRoutes = {
  listConnectionFindings: {
    method: "GET",
    path: "/api/connections/:connectionId/findings",
    summary:
      "A connection's findings (who is admin, who should not have access, what is wasted), most severe first, filtered and paged, with counts",
    auth: true,
    params: connectionParamsLocal,
    query: connectionFindingsQuery,
    status: 200,
    response: findingListResponse,
  },
  listFindings: {
    method: "GET",
    path: "/api/findings",
    summary: "Findings of all the organization's connections (or one), most severe first, filtered and paged",
    auth: true,
    query: findingsQuery,
    status: 200,
    response: findingListResponse,
  },
  acceptFinding: {
    method: "POST",
    path: "/api/connections/:connectionId/findings/:findingId/accept",
    summary:
      "Accept a finding with a reason and who decided: it stays visible, no longer counts as open, and re-opens if its facts change",
    auth: true,
    params: findingParams,
    body: acceptFindingBody,
    status: 200,
    response: findingSchema,
    errors: [{ status: 409, description: "The finding is resolved: there is nothing to accept" }],
  },
} as const;
