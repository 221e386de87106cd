// Contract schemas: session, organization, connections, sync runs, checks, setup.
import { z } from "zod";
import { findingCountsSchema } from "./findings.js";
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
export const sessionResponse = z
  .object({
    organization: organizationSchema,
    /** The signed-in token's scope: `read` may only read. */
    scope: z.enum(["read", "admin"]),
  })
  .meta({ id: "Session" });
export type SessionResponse = z.infer<typeof sessionResponse>;

/** The session cookie: HttpOnly, SameSite=Strict, Path=/api; holds a random session id (stored hashed). */
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

/**
 * Advanced: an AWS-compatible endpoint for this connection's AWS calls (an emulator such as the
 * sandbox). Without it, the SDK resolves AWS's own endpoints.
 */
export const endpointUrlSchema = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. http://127.0.0.1:4566" })
  .max(2048);

/** The values to check before connecting (POST /api/connections/check). */
export const checkValuesBody = connectionValuesSchema.extend({ endpointUrl: endpointUrlSchema.optional() });
export type CheckValuesBody = z.infer<typeof checkValuesBody>;

export const createConnectionBody = checkValuesBody.extend({
  name: z.string().trim().min(1).max(200).optional(),
  scheduleMinutes: scheduleMinutesSchema.optional(),
});
export type CreateConnectionBody = z.infer<typeof createConnectionBody>;

/**
 * Name, schedule, and the role and region (issue 17 defect 12): a new Role ARN or Region is checked
 * with the connect-time checks before anything is saved, and the connection keeps its history.
 * The Identity Store ID and Instance ARN name the directory itself: another one is a new connection.
 */
export const updateConnectionBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    scheduleMinutes: scheduleMinutesSchema,
    roleArn: connectionValuesSchema.shape.roleArn,
    region: connectionValuesSchema.shape.region,
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
  .object({
    code: z.string(),
    message: z.string(),
    action: z.string().nullable(),
    /** A short human headline of `message` (shown first). */
    headline: z.string().optional(),
    /** AWS's own words behind the headline (shown on demand), the session name left out; null: none. */
    details: z.string().nullable().optional(),
  })
  .meta({ id: "Warning" });

/** How far a running sync has read: the phase the connector last reported and its items so far. */
export const syncProgressSchema = z
  .object({
    /** users, groups, memberships, permissionSets, accounts or assignments. */
    phase: z.string(),
    done: z.number().int(),
  })
  .meta({ id: "SyncProgress" });
export type SyncProgress = z.infer<typeof syncProgressSchema>;

/** The last sync, held by drift protection: N of M users (X%) it would delete, and who. */
export const heldBackSchema = z
  .object({
    runId: z.string(),
    /** N: live users the sync found gone. */
    usersDeleted: z.number().int(),
    /** M: live users before it. */
    liveUsers: z.number().int(),
    /** N of M, rounded to a whole percent. */
    percent: z.number().int(),
    /** The users it would mark DELETED, by user name (the first 500). */
    users: z.array(
      z.object({ userId: z.string(), userName: z.string(), displayName: z.string().nullable() }),
    ),
  })
  .meta({ id: "HeldBack" });
export type HeldBack = z.infer<typeof heldBackSchema>;

export const connectionSchema = z
  .object({
    id: z.string(),
    integration: z.literal("aws-identity-center"),
    name: z.string(),
    roleArn: z.string(),
    region: z.string(),
    identityStoreId: z.string(),
    instanceArn: z.string(),
    /** The advanced endpoint override; null: AWS's own endpoints. */
    endpointUrl: z.string().nullable(),
    scheduleMinutes: z.number().int(),
    state: connectionStateSchema,
    /** While syncing in this service: what the running sync has read so far; null otherwise. */
    progress: syncProgressSchema.nullable(),
    /** Set when state is `error`: why the last sync failed. */
    lastError: problemSchema.nullable(),
    /** Optional parts the last successful sync could not read. */
    lastWarnings: z.array(warningSchema),
    lastSyncedAt: nullableIsoTime,
    /** The latest run, whatever its outcome (needs_confirmation: drift protection held it). */
    lastRunId: z.string().nullable(),
    lastRunState: z.enum(["running", "succeeded", "failed", "needs_confirmation"]).nullable(),
    /** Set while the latest run is held by drift protection (lastRunState needs_confirmation). */
    heldBack: heldBackSchema.nullable(),
    nextSyncAt: nullableIsoTime,
    /** Null before the first successful sync. */
    counts: connectionCountsSchema.nullable(),
    /** Findings of the last sync; null before the first successful sync. */
    findings: findingCountsSchema.nullable(),
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
        /** AWS's answer proved nothing either way: "could not be verified", not missing. */
        unverified: z.boolean().optional(),
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

/** A new connection: saved after its checks passed; `checkWarnings` are what they found optional. */
export const createdConnectionSchema = connectionSchema
  .extend({ checkWarnings: z.array(warningSchema) })
  .meta({ id: "CreatedConnection" });
export type CreatedConnection = z.infer<typeof createdConnectionSchema>;

/**
 * POST /api/connections refused by its checks (422, or 400 when a value is wrong): nothing was
 * saved. `error` says why (`field` names the value to correct, `action` a single missing
 * permission); `checks` are every check with its outcome, `warnings` what else was found.
 */
export const connectRefusedSchema = z
  .object({
    error: z.object({
      /** missing_permissions, or a check error code: unsafe_trust_policy, assume_role_denied, ... */
      code: z.string(),
      message: z.string(),
      field: z.enum(["roleArn", "region", "identityStoreId", "instanceArn"]).optional(),
      action: z.string().optional(),
    }),
    checks: checkResultSchema.shape.checks,
    warnings: checkResultSchema.shape.warnings,
  })
  .meta({ id: "ConnectRefused" });
export type ConnectRefused = z.infer<typeof connectRefusedSchema>;

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
    /**
     * Optional extras, each a separate policy to attach as well (never part of permissionPolicy):
     * [{ key: "signInActivity", title, description, policy }].
     */
    optionalPolicies: z.array(
      z.object({ key: z.string(), title: z.string(), description: z.string(), policy: z.unknown() }),
    ),
    /** CloudFormation template (JSON object); null without platformPrincipalArn. */
    cloudFormationTemplate: z.unknown(),
  })
  .meta({ id: "SetupAssets" });
export type SetupResponse = z.infer<typeof setupResponse>;
