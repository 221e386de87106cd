// The JSON API's contract: every route's method, path, input (params, query, body) and response,
// as zod schemas. The server validates input with these schemas, the OpenAPI document at
// /api/openapi.json is generated from them, and the web app imports the types (type-only imports).
// Every error body is `{ "error": { code, message, field?, action? } }`.
import { z } from "zod";
import { CHANGE_KINDS } from "../domain/change.js";

// ---------------------------------------------------------------- shared pieces

export const errorBodySchema = z
  .object({
    error: z.object({
      /** Stable: validation_error, unauthorized, not_found, conflict, access_denied, bad_request, internal. */
      code: z.string(),
      message: z.string(),
      /** The input field at fault (dotted path), for validation errors. */
      field: z.string().optional(),
      /** The IAM action that was denied, for access_denied. */
      action: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof errorBodySchema>;

const isoTime = z.string().meta({ description: "ISO-8601 time, UTC", example: "2026-11-30T12:00:00.000Z" });
const nullableIsoTime = isoTime.nullable();

/** Opaque paging cursor: pass `nextCursor` of one page as `cursor` to get the next one. */
export const pageQuery = {
  cursor: z.string().min(1).max(2048).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};
const nextCursor = z.string().nullable().meta({ description: "null on the last page" });

export const userStatusSchema = z.enum(["ENABLED", "DISABLED", "DELETED"]);
export type ApiUserStatus = z.infer<typeof userStatusSchema>;

export const connectionStateSchema = z.enum(["pending", "syncing", "connected", "error"]);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const problemSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    /** The IAM action to add to the customer's policy, where a denial is the cause. */
    action: z.string().nullable(),
  })
  .meta({ id: "Problem" });
export type Problem = z.infer<typeof problemSchema>;

const idParam = z.string().min(1).max(200);

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

// ---------------------------------------------------------------- users (all connections, or one)

export const userSortSchema = z.enum(["userName", "displayName", "status", "firstSeenAt"]);
export const usersQuery = z.strictObject({
  /** Only this connection's users; all the organization's otherwise. */
  connectionId: idParam.optional(),
  /** Case-insensitive substring of user name, display name, given/family name or an email. */
  q: z.string().trim().max(200).optional(),
  status: userStatusSchema.optional(),
  /** Every Identity Center user holds the license type "AWS Identity Center". */
  licenseType: z.string().max(200).optional(),
  sort: userSortSchema.default("userName"),
  order: z.enum(["asc", "desc"]).default("asc"),
  ...pageQuery,
});
export type UsersQuery = z.input<typeof usersQuery>;

export const userListItemSchema = z
  .object({
    connectionId: z.string(),
    userId: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    primaryEmail: z.string().nullable(),
    status: userStatusSchema,
    licenseTypes: z.array(z.string()),
    firstSeenAt: isoTime,
    deletedAt: nullableIsoTime,
  })
  .meta({ id: "UserListItem" });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const userCountsSchema = z
  .object({
    /** Users matching connectionId, q and licenseType (the status filter is not applied to the counts). */
    total: z.number().int(),
    byStatus: z.object({ ENABLED: z.number().int(), DISABLED: z.number().int(), DELETED: z.number().int() }),
    byLicenseType: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "UserCounts" });

export const userListResponse = z.object({
  items: z.array(userListItemSchema),
  nextCursor,
  counts: userCountsSchema,
});
export type UserListResponse = z.infer<typeof userListResponse>;

export const userParams = z.strictObject({ connectionId: idParam, userId: idParam });

export const accessPathSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("DIRECT") }),
    z.object({ type: z.literal("GROUP"), groupId: z.string(), groupName: z.string().nullable() }),
  ])
  .meta({ id: "AccessPath" });
export type AccessPathView = z.infer<typeof accessPathSchema>;

export const userDetailResponse = z
  .object({
    user: userListItemSchema.extend({
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      emails: z.array(z.string()),
      externalIds: z.array(z.object({ issuer: z.string(), id: z.string() })),
    }),
    groups: z.array(
      z.object({
        groupId: z.string(),
        displayName: z.string().nullable(),
        description: z.string().nullable(),
      }),
    ),
    access: z.array(
      z.object({
        accountId: z.string(),
        accountName: z.string().nullable(),
        permissionSetArn: z.string(),
        permissionSetName: z.string().nullable(),
        via: z.array(accessPathSchema),
      }),
    ),
  })
  .meta({ id: "UserDetail" });
export type UserDetailResponse = z.infer<typeof userDetailResponse>;

// ---------------------------------------------------------------- access (account -> permission set -> users)

export const accessSummaryRowSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string().nullable(),
    permissionSetArn: z.string(),
    permissionSetName: z.string().nullable(),
    users: z.number().int(),
  })
  .meta({ id: "AccessSummaryRow" });
/** Ordered by account, then permission set. */
export const accessSummaryResponse = z.object({ items: z.array(accessSummaryRowSchema) });
export type AccessSummaryResponse = z.infer<typeof accessSummaryResponse>;

export const accessQuery = z.strictObject({
  accountId: z.string().max(64).optional(),
  permissionSetArn: z.string().max(2048).optional(),
  userId: z.string().max(200).optional(),
  ...pageQuery,
});
export const accessRowSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string().nullable(),
    permissionSetArn: z.string(),
    permissionSetName: z.string().nullable(),
    userId: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    status: userStatusSchema,
    via: z.array(accessPathSchema),
  })
  .meta({ id: "AccessRow" });
export type AccessRow = z.infer<typeof accessRowSchema>;
/** Ordered by account id, permission set ARN, user name: group them in that order. */
export const accessListResponse = z.object({ items: z.array(accessRowSchema), nextCursor });
export type AccessListResponse = z.infer<typeof accessListResponse>;

// ---------------------------------------------------------------- changes (all connections, or one)

export const changesQuery = z.strictObject({
  /** Only this connection's changes; all the organization's otherwise. */
  connectionId: idParam.optional(),
  /** One kind or several, comma-separated, e.g. `user.enabled,user.disabled`. */
  kind: z
    .string()
    .max(2000)
    .transform((v) => v.split(",").map((k) => k.trim()))
    .pipe(z.array(z.enum(CHANGE_KINDS)).min(1))
    .optional(),
  userId: z.string().max(200).optional(),
  accountId: z.string().max(64).optional(),
  syncRunId: z.string().max(200).optional(),
  /** Changes at or after this time (ISO-8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Changes before this time (ISO-8601). */
  until: z.iso.datetime({ offset: true }).optional(),
  /** desc: newest first (default). */
  order: z.enum(["asc", "desc"]).default("desc"),
  ...pageQuery,
});
export const changeSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    syncRunId: z.string(),
    kind: z.enum(CHANGE_KINDS),
    at: isoTime,
    userId: z.string().nullable(),
    groupId: z.string().nullable(),
    accountId: z.string().nullable(),
    permissionSetArn: z.string().nullable(),
    /** Names for display and, for updates, `before`/`after` of the fields that changed. */
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Change" });
export type Change = z.infer<typeof changeSchema>;
/** Newest first unless order=asc. */
export const changeListResponse = z.object({ items: z.array(changeSchema), nextCursor });
export type ChangeListResponse = z.infer<typeof changeListResponse>;

// ---------------------------------------------------------------- the route list

export interface RouteContract {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify path syntax (`:param`). */
  path: string;
  summary: string;
  /** False only for the routes that work without a token. */
  auth: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body schema (null: no body). */
  status: 200 | 201 | 202 | 204;
  response: z.ZodType | null;
}

export const routes = {
  getOpenApi: {
    method: "GET",
    path: "/api/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    auth: false,
    status: 200,
    response: z.unknown(),
  },
  createSession: {
    method: "POST",
    path: "/api/session",
    summary: "Sign in with an access token; sets the HttpOnly session cookie",
    auth: false,
    body: createSessionBody,
    status: 200,
    response: sessionResponse,
  },
  getSession: {
    method: "GET",
    path: "/api/session",
    summary: "The organization of the current token or session",
    auth: true,
    status: 200,
    response: sessionResponse,
  },
  deleteSession: {
    method: "DELETE",
    path: "/api/session",
    summary: "Sign out: clears the session cookie",
    auth: false,
    status: 204,
    response: null,
  },
  listIntegrations: {
    method: "GET",
    path: "/api/integrations",
    summary: "Integrations with their connections and overall state",
    auth: true,
    status: 200,
    response: integrationListResponse,
  },
  getCapabilities: {
    method: "GET",
    path: "/api/integrations/:integration/capabilities",
    summary: "What the integration syncs (the Integration Capabilities table)",
    auth: true,
    params: integrationParams,
    status: 200,
    response: capabilitiesResponse,
  },
  getSetup: {
    method: "GET",
    path: "/api/setup",
    summary: "Permission policy, trust policy and CloudFormation template for this organization",
    auth: true,
    status: 200,
    response: setupResponse,
  },
  checkValues: {
    method: "POST",
    path: "/api/connections/check",
    summary: "Check connection values against AWS before connecting",
    auth: true,
    body: connectionValuesSchema,
    status: 200,
    response: checkResultSchema,
  },
  listConnections: {
    method: "GET",
    path: "/api/connections",
    summary: "The organization's connections with state, counts and last sync",
    auth: true,
    status: 200,
    response: connectionListResponse,
  },
  createConnection: {
    method: "POST",
    path: "/api/connections",
    summary: "Connect an Identity Center instance; its first sync starts at once",
    auth: true,
    body: createConnectionBody,
    status: 201,
    response: connectionSchema,
  },
  getConnection: {
    method: "GET",
    path: "/api/connections/:connectionId",
    summary: "One connection",
    auth: true,
    params: connectionParams,
    status: 200,
    response: connectionSchema,
  },
  updateConnection: {
    method: "PATCH",
    path: "/api/connections/:connectionId",
    summary: "Edit a connection (name, sync interval)",
    auth: true,
    params: connectionParams,
    body: updateConnectionBody,
    status: 200,
    response: connectionSchema,
  },
  deleteConnection: {
    method: "DELETE",
    path: "/api/connections/:connectionId",
    summary: "Disconnect: stops its syncs and deletes its data",
    auth: true,
    params: connectionParams,
    status: 204,
    response: null,
  },
  checkConnection: {
    method: "POST",
    path: "/api/connections/:connectionId/check",
    summary: "Test an existing connection against AWS",
    auth: true,
    params: connectionParams,
    status: 200,
    response: checkResultSchema,
  },
  syncNow: {
    method: "POST",
    path: "/api/connections/:connectionId/sync",
    summary: "Start a sync now (409 when one is already running)",
    auth: true,
    params: connectionParams,
    body: syncNowBody,
    status: 202,
    response: syncNowResponse,
  },
  listSyncRuns: {
    method: "GET",
    path: "/api/connections/:connectionId/runs",
    summary: "Sync history, newest first",
    auth: true,
    params: connectionParams,
    query: syncRunsQuery,
    status: 200,
    response: syncRunListResponse,
  },
  exportConnection: {
    method: "GET",
    path: "/api/connections/:connectionId/export",
    summary: "The connection's current state in the export format (formatVersion 1)",
    auth: true,
    params: connectionParams,
    status: 200,
    response: z.unknown(),
  },
  summarizeAccess: {
    method: "GET",
    path: "/api/connections/:connectionId/access/summary",
    summary: "Users per (account, permission set): the top levels of the access tree",
    auth: true,
    params: connectionParams,
    status: 200,
    response: accessSummaryResponse,
  },
  listAccess: {
    method: "GET",
    path: "/api/connections/:connectionId/access",
    summary: "Effective access: account -> permission set -> users, with paths",
    auth: true,
    params: connectionParams,
    query: accessQuery,
    status: 200,
    response: accessListResponse,
  },
  getUser: {
    method: "GET",
    path: "/api/connections/:connectionId/users/:userId",
    summary: "One user with groups and access (with paths)",
    auth: true,
    params: userParams,
    status: 200,
    response: userDetailResponse,
  },
  listUsers: {
    method: "GET",
    path: "/api/users",
    summary: "Users: search, status filter, sort, paging, counts per status and license type",
    auth: true,
    query: usersQuery,
    status: 200,
    response: userListResponse,
  },
  listChanges: {
    method: "GET",
    path: "/api/changes",
    summary: "Changes, newest first, filtered by connection, kind, user, account, sync run and time",
    auth: true,
    query: changesQuery,
    status: 200,
    response: changeListResponse,
  },
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
