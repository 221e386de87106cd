// Contract schemas: session, organization, connections, sync runs, checks, setup, integrations.
import { z } from "zod";
import {
  connectionStateSchema,
  idParam,
  isoTime,
  nextCursor,
  nullableIsoTime,
  pageQuery,
  problemSchema,
} from "./common.js";

// ---------------------------------------------------------------- session and organization

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The sts:ExternalId the customer's trust policy must require. */
    externalId: z.string(),
    createdAt: isoTime,
  })
  .meta({ id: "Organization" });
export type Organization = z.infer<typeof organizationSchema>;

export const createSessionBody = z.strictObject({ token: z.string().min(1).max(500) });
export const sessionResponse = z.object({ organization: organizationSchema }).meta({ id: "Session" });
export type SessionResponse = z.infer<typeof sessionResponse>;

/** The session cookie: HttpOnly, SameSite=Strict, Path=/api; holds the access token. */
export const SESSION_COOKIE = "idc_sync_session";

// ---------------------------------------------------------------- connections

export const connectionValuesSchema = z.strictObject({
  roleArn: z.string().trim().min(1).max(2048),
  region: z.string().trim().min(1).max(64),
  identityStoreId: z.string().trim().min(1).max(64),
  instanceArn: z.string().trim().min(1).max(2048),
});
export type ConnectionValuesInput = z.infer<typeof connectionValuesSchema>;

/** Sync interval in minutes: at least 5 minutes, at most 7 days. Default 360 (6 hours). */
export const scheduleMinutesSchema = z.number().int().min(5).max(10_080);

export const createConnectionBody = connectionValuesSchema.extend({
  name: z.string().trim().min(1).max(200).optional(),
  scheduleMinutes: scheduleMinutesSchema.optional(),
});
export type CreateConnectionBody = z.infer<typeof createConnectionBody>;

/** Name and schedule. (The four AWS values are fixed: disconnect and connect again to change them.) */
export const updateConnectionBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    scheduleMinutes: scheduleMinutesSchema,
  })
  .partial();
export type UpdateConnectionBody = z.infer<typeof updateConnectionBody>;

export const connectionCountsSchema = z
  .object({
    users: z.number().int(),
    enabledUsers: z.number().int(),
    disabledUsers: z.number().int(),
    deletedUsers: z.number().int(),
    groups: z.number().int(),
    accounts: z.number().int(),
    permissionSets: z.number().int(),
    assignments: z.number().int(),
  })
  .meta({ id: "ConnectionCounts" });

export const warningSchema = z
  .object({ code: z.string(), message: z.string(), action: z.string().nullable() })
  .meta({ id: "Warning" });

export const connectionSchema = z
  .object({
    id: z.string(),
    integration: z.literal("aws-identity-center"),
    name: z.string(),
    roleArn: z.string(),
    region: z.string(),
    identityStoreId: z.string(),
    instanceArn: z.string(),
    scheduleMinutes: z.number().int(),
    state: connectionStateSchema,
    /** Set when state is `error`: why the last sync failed. */
    lastError: problemSchema.nullable(),
    /** Optional parts the last successful sync could not read. */
    lastWarnings: z.array(warningSchema),
    lastSyncedAt: nullableIsoTime,
    /** The latest run, whatever its outcome (needs_confirmation: drift protection held it). */
    lastRunId: z.string().nullable(),
    lastRunState: z.enum(["running", "succeeded", "failed", "needs_confirmation"]).nullable(),
    nextSyncAt: nullableIsoTime,
    /** Null before the first successful sync. */
    counts: connectionCountsSchema.nullable(),
    /** True for the built-in demo connection (it reads the in-process sandbox). */
    demo: z.boolean(),
    createdAt: isoTime,
  })
  .meta({ id: "Connection" });
export type Connection = z.infer<typeof connectionSchema>;

export const connectionListResponse = z.object({ items: z.array(connectionSchema) });
export type ConnectionListResponse = z.infer<typeof connectionListResponse>;

export const connectionParams = z.strictObject({ connectionId: idParam });

export const syncRunStateSchema = z.enum(["running", "succeeded", "failed", "needs_confirmation"]);
export const syncCountsSchema = z
  .object({
    users: z.number().int(),
    groups: z.number().int(),
    memberships: z.number().int(),
    accounts: z.number().int(),
    permissionSets: z.number().int(),
    assignments: z.number().int(),
    access: z.number().int(),
    orphanedAssignments: z.number().int(),
    /** Live users this run found gone (marked DELETED, or would have: needs_confirmation). */
    usersDeleted: z.number().int(),
    /** Change rows committed (0 for the first run and for runs that did not commit). */
    changes: z.number().int(),
  })
  .meta({ id: "SyncCounts" });
export const syncRunSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    state: syncRunStateSchema,
    startedAt: isoTime,
    finishedAt: nullableIsoTime,
    /** Committed with `force` past drift protection. */
    forced: z.boolean(),
    /** Null until the read finished. */
    counts: syncCountsSchema.nullable(),
    /** Calls sent per IAM action, retries included. */
    callsByAction: z.record(z.string(), z.number().int()),
    retries: z.number().int(),
    throttles: z.number().int(),
    warnings: z.array(warningSchema),
    error: problemSchema.nullable(),
  })
  .meta({ id: "SyncRun" });
export type SyncRun = z.infer<typeof syncRunSchema>;

export const syncRunListResponse = z.object({ items: z.array(syncRunSchema), nextCursor });
export type SyncRunListResponse = z.infer<typeof syncRunListResponse>;
export const syncRunsQuery = z.strictObject({ ...pageQuery });

/** `force`: commit even past drift protection (after a run ended in needs_confirmation). */
export const syncNowBody = z.strictObject({ force: z.boolean().optional() }).optional();
export const syncNowResponse = z
  .object({ connection: connectionSchema, runId: z.string().nullable() })
  .meta({ id: "SyncStarted" });
export type SyncNowResponse = z.infer<typeof syncNowResponse>;

// ---------------------------------------------------------------- checks and setup

export const checkResultSchema = z
  .object({
    /** Nothing to fix: every check passed and there is no error. */
    ok: z.boolean(),
    /** The connection cannot be used: a required check failed or `error` is set. */
    blocking: z.boolean(),
    instanceType: z.enum(["ORGANIZATION", "ACCOUNT"]).nullable(),
    /** One row per IAM action probed (sts:AssumeRole first). */
    checks: z.array(
      z.object({
        action: z.string(),
        ok: z.boolean(),
        /** A required check that fails blocks the connection. */
        required: z.boolean(),
        message: z.string(),
      }),
    ),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), action: z.string().nullable() })),
    /** A problem with the trust policy or a value; `field` names the value to correct. */
    error: z
      .object({
        code: z.string(),
        message: z.string(),
        field: z.enum(["roleArn", "region", "identityStoreId", "instanceArn"]).nullable(),
      })
      .nullable(),
  })
  .meta({ id: "CheckResult" });
export type CheckResult = z.infer<typeof checkResultSchema>;

export const setupResponse = z
  .object({
    externalId: z.string(),
    /** The platform principal the trust policy must name; null when it could not be determined. */
    platformPrincipalArn: z.string().nullable(),
    /** Why platformPrincipalArn is null (e.g. no AWS credentials); null otherwise. */
    problem: z.string().nullable(),
    /** IAM policy document (JSON object). */
    permissionPolicy: z.unknown(),
    /** IAM trust policy document; null without platformPrincipalArn. */
    trustPolicy: z.unknown(),
    /** CloudFormation template (JSON object); null without platformPrincipalArn. */
    cloudFormationTemplate: z.unknown(),
  })
  .meta({ id: "SetupAssets" });
export type SetupResponse = z.infer<typeof setupResponse>;

// ---------------------------------------------------------------- integrations and capabilities

export const integrationSchema = z
  .object({
    key: z.literal("aws-identity-center"),
    name: z.string(),
    description: z.string(),
    /** not_connected when there is no connection; else the worst state among the connections. */
    state: z.enum(["not_connected", "pending", "syncing", "connected", "error"]),
    connections: z.array(connectionSchema),
  })
  .meta({ id: "Integration" });
export type Integration = z.infer<typeof integrationSchema>;
export const integrationListResponse = z.object({ items: z.array(integrationSchema) });
export type IntegrationListResponse = z.infer<typeof integrationListResponse>;

export const capabilitySchema = z
  .object({
    name: z.string(),
    description: z.string(),
    supported: z.boolean(),
  })
  .meta({ id: "Capability" });
export const capabilitiesResponse = z.object({ items: z.array(capabilitySchema) });
export type CapabilitiesResponse = z.infer<typeof capabilitiesResponse>;
export const integrationParams = z.strictObject({ integration: z.literal("aws-identity-center") });
