// The JSON API's contract: every route's method, path, input (params, query, body) and response,
// as zod schemas (in ./contract/). The server validates input with these schemas, the OpenAPI
// document at /api/openapi.json is generated from them, and the web app imports the types
// (type-only imports). Every error body is `{ "error": { code, message, field?, action? } }`.
import { z } from "zod";
import {
  accessListResponse,
  accessQuery,
  accessSummaryResponse,
  changeListResponse,
  changesQuery,
  userDetailResponse,
  userListResponse,
  userParams,
  usersQuery,
} from "./contract/directory.js";
import {
  checkResultSchema,
  checkValuesBody,
  connectRefusedSchema,
  connectionListResponse,
  connectionParams,
  connectionSchema,
  createConnectionBody,
  createdConnectionSchema,
  createSessionBody,
  sessionResponse,
  setupResponse,
  syncNowBody,
  syncNowResponse,
  syncRunListResponse,
  syncRunsQuery,
  updateConnectionBody,
} from "./contract/connections.js";
import { findingRoutes } from "./contract/findings.js";
import { usageRoutes } from "./contract/usage.js";
import {
  capabilitiesQuery,
  capabilitiesResponse,
  integrationListResponse,
  integrationParams,
} from "./contract/integrations.js";
import { exploreRoutes } from "./contract/explore-routes.js";
import { operationsRoutes } from "./contract/operations.js";
import { tokenRoutes } from "./contract/tokens.js";
import { auditRoutes } from "./contract/audit.js";
import { notificationRoutes } from "./contract/notifications.js";

export * from "./contract/common.js";
export * from "./contract/connections.js";
export * from "./contract/directory.js";
export * from "./contract/explore.js";
export * from "./contract/findings.js";
export * from "./contract/integrations.js";
export * from "./contract/operations.js";
export * from "./contract/tokens.js";
export * from "./contract/audit.js";
export * from "./contract/notifications.js";
export * from "./contract/usage.js";

// ---------------------------------------------------------------- the route list

export interface RouteContract {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify path syntax (`:param`). */
  path: string;
  summary: string;
  /** False only for the routes that work without a token. */
  auth: boolean;
  /**
   * The token scope the route needs (default: `read` for GET, `admin` for every other method);
   * a read-only token is refused with 403 on admin routes.
   */
  scope?: "read" | "admin";
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The success status and its body schema (null: no body). */
  status: 200 | 201 | 202 | 204;
  response: z.ZodType | null;
  /** Refusals particular to this route (besides 400, 401, 404 and 500), for the OpenAPI document. */
  errors?: readonly { status: 409 | 422; description: string; schema?: z.ZodType }[];
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
    summary: "Sign in with an access token; starts a server-side session (its id in the HttpOnly cookie)",
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
    summary: "Sign out: revokes the session and clears its cookie",
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
    summary:
      "What the integration syncs and whether each item is available now, for one connection or all (the Integration Capabilities table)",
    auth: true,
    params: integrationParams,
    query: capabilitiesQuery,
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
    body: checkValuesBody,
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
    summary:
      "Connect an Identity Center instance: checks the role and its permissions first, saves only if " +
      "nothing required is missing, then starts the first sync",
    auth: true,
    body: createConnectionBody,
    status: 201,
    response: createdConnectionSchema,
    errors: [
      {
        status: 422,
        description:
          "Refused by the checks (unsafe trust policy, role not assumable, required permissions missing); nothing saved. A wrong value is a 400 with the same body.",
        schema: connectRefusedSchema,
      },
      { status: 409, description: "This organization already connected that instance" },
    ],
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
    summary:
      "Edit a connection (name, sync interval, Role ARN, Region); a new Role ARN or Region is checked like a " +
      "new connection before it is saved, and the connection keeps its history",
    auth: true,
    params: connectionParams,
    body: updateConnectionBody,
    status: 200,
    response: connectionSchema,
    errors: [
      {
        status: 422,
        description:
          "The new Role ARN or Region was refused by the checks; nothing saved. A wrong value is a 400 with the same body.",
        schema: connectRefusedSchema,
      },
    ],
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
    errors: [{ status: 409, description: "A sync of this connection is already running" }],
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
  ...exploreRoutes,
  ...findingRoutes,
  ...operationsRoutes,
  ...tokenRoutes,
  ...auditRoutes,
  ...notificationRoutes,
  ...usageRoutes,
} as const satisfies Record<string, RouteContract>;

export type RouteName = keyof typeof routes;
