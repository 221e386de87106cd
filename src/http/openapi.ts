// The OpenAPI 3.1 document, generated from the route contract's zod schemas (so it cannot drift
// from what the server validates). Schemas with a meta id become components.
import { z } from "zod";
import { errorBodySchema, routes, SESSION_COOKIE, type RouteContract } from "./api-contract.js";

type Json = Record<string, unknown>;

const components: Record<string, unknown> = {};

/** JSON Schema of `schema` with `$defs` hoisted into the shared components. */
function toSchema(schema: z.ZodType, io: "input" | "output"): Json {
  const raw = z.toJSONSchema(schema, { target: "draft-2020-12", unrepresentable: "any", io }) as Json;
  const rewritten = rewriteRefs(raw) as Json;
  const defs = rewritten.$defs as Record<string, unknown> | undefined;
  if (defs !== undefined) for (const [id, def] of Object.entries(defs)) components[id] ??= def;
  delete rewritten.$defs;
  delete rewritten.$schema;
  return rewritten;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      k === "$ref" && typeof v === "string" ? v.replace("#/$defs/", "#/components/schemas/") : rewriteRefs(v);
  }
  return out;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query"): Json[] {
  if (schema === undefined) return [];
  const s = toSchema(schema, "input");
  const props = (s.properties ?? {}) as Record<string, Json>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(props).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === "path" || required.has(name),
      ...(typeof description === "string" ? { description } : {}),
      schema: rest,
    };
  });
}

const errorResponse = (description: string): Json => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

function operation(name: string, route: RouteContract): Json {
  const responses: Json = {
    [String(route.status)]:
      route.response === null
        ? { description: "Done" }
        : {
            description: "Success",
            content: { "application/json": { schema: toSchema(route.response, "output") } },
          },
    "400": errorResponse("Bad input: the message and `field` name the field"),
    "500": errorResponse("Internal error"),
  };
  if (route.auth) {
    responses["401"] = errorResponse("Missing or invalid token");
    if (route.path.includes(":")) responses["404"] = errorResponse("Not found (or not this organization's)");
  }
  for (const e of route.errors ?? []) {
    responses[String(e.status)] =
      e.schema === undefined
        ? errorResponse(e.description)
        : {
            description: e.description,
            content: { "application/json": { schema: toSchema(e.schema, "output") } },
          };
  }
  const op: Json = {
    operationId: name,
    summary: route.summary,
    parameters: [...parameters(route.params, "path"), ...parameters(route.query, "query")],
    responses,
  };
  if (route.body !== undefined) {
    op.requestBody = {
      required: !route.body.safeParse(undefined).success,
      content: { "application/json": { schema: toSchema(route.body, "input") } },
    };
  }
  if (!route.auth) op.security = [];
  return op;
}

let cached: Json | undefined;

export function openApiDocument(version: string): Json {
  if (cached !== undefined) return cached;
  toSchema(errorBodySchema, "output");
  const paths: Record<string, Json> = {};
  for (const [name, route] of Object.entries(routes) as [string, RouteContract][]) {
    const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(name, route);
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "idc-sync API",
      version,
      description:
        "Users, groups, accounts, permission sets, effective access and change history of AWS IAM " +
        "Identity Center organizations. Authenticate with `Authorization: Bearer <token>` or the " +
        "session cookie set by POST /api/session. Lists are paged: pass `nextCursor` as `cursor`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
      },
    },
  };
  return cached;
}
