// One way to declare a route: its contract (src/http/api-contract.ts) gives the method, path and
// the schemas its input is parsed with; the handler gets typed, validated input and returns the body.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Principal } from "../domain/access.js";
import type { Organization } from "../domain/organization.js";
import type { RouteContract } from "./api-contract.js";
import { authenticate } from "./auth.js";
import type { HttpDeps } from "./deps.js";
import { ForbiddenError, parseInput } from "./errors.js";
import { assertNoControlChars } from "./input-guard.js";

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type Body<C extends RouteContract> = C["response"] extends z.ZodType ? z.input<C["response"]> : void;

export interface RouteInput<C extends RouteContract> {
  params: Parsed<C["params"]>;
  query: Parsed<C["query"]>;
  body: Parsed<C["body"]>;
  /** The caller's organization (routes with `auth: false` get null). */
  org: C["auth"] extends true ? Organization : null;
  /** Who is calling: the token (and session) the request acts as. */
  principal: C["auth"] extends true ? Principal : null;
  req: FastifyRequest;
  reply: FastifyReply;
  deps: HttpDeps;
}

export type RouteHandler<C extends RouteContract> = (input: RouteInput<C>) => Body<C> | Promise<Body<C>>;

export interface RouteDefinition {
  contract: RouteContract;
  register(app: FastifyInstance, deps: HttpDeps): void;
}

export function defineRoute<C extends RouteContract>(contract: C, handler: RouteHandler<C>): RouteDefinition {
  return {
    contract,
    register(app, deps) {
      app.route({
        method: contract.method,
        url: contract.path,
        handler: async (req, reply) => {
          const principal = contract.auth ? await authenticate(req, deps) : null;
          const needs = contract.scope ?? (contract.method === "GET" ? "read" : "admin");
          if (principal !== null && needs === "admin" && principal.scope !== "admin") {
            throw new ForbiddenError(
              "forbidden",
              `this token is read-only (scope read); ${contract.method} ${contract.path} needs an admin token`,
            );
          }
          const org = principal?.organization ?? null;
          assertNoControlChars(req.params, "path");
          assertNoControlChars(req.query, "query");
          assertNoControlChars(req.body, "body");
          const parse = (schema: z.ZodType | undefined, value: unknown, where: string): unknown =>
            schema === undefined ? undefined : parseInput(schema, value ?? undefined, where);
          const input = {
            params: parse(contract.params, req.params, "path"),
            query: parse(contract.query, req.query, "query"),
            body: parse(contract.body, req.body, "body"),
            org,
            principal,
            req,
            reply,
            deps,
          } as RouteInput<C>;
          const result = await handler(input);
          reply.status(contract.status);
          return contract.response === null ? reply.send() : result;
        },
      });
    },
  };
}
