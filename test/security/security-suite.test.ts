// Issue 13's security suite, generated from the OpenAPI document at /api/openapi.json, on SQLite
// and PostgreSQL:
// - cross-tenant matrix: every route x {another organization's ids, no token, an expired token,
//   a revoked token, a session after sign-out, a read-scoped token on admin routes} -> 401, 403
//   or 404, and no other organization's data in any body;
// - >= 2,000 malformed requests from the schemas -> no 5xx, the process alive at the end;
// - header and cookie checks; foreign-Origin state-changing requests with a valid cookie refused.
// The figures (requests per category, 5xx, leaks) are printed at the end of each dialect.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createdTokenResponse } from "../../src/http/api-contract.js";
import { DIALECTS, startDialectWorld } from "../api/dialects.js";
import { call, connectAndSync, type World } from "../api/harness.js";
import { fillPath, malformedCases, operationsOf, type Operation } from "./openapi-cases.js";

const HOUR = 3600_000;

describe.each(DIALECTS)("security suite [%s]", (dialect) => {
  let world: World;
  let ops: Operation[];
  const idsA: Record<string, string> = { integration: "aws-identity-center", list: "users" };
  const idsB: Record<string, string> = { integration: "aws-identity-center", list: "users" };
  let leakMarkers: string[];
  const figures = new Map<string, { requests: number; fiveXX: number; leaks: number }>();
  const count = (category: string, status: number, leaked: boolean) => {
    const f = figures.get(category) ?? { requests: 0, fiveXX: 0, leaks: 0 };
    f.requests++;
    if (status >= 500) f.fiveXX++;
    if (leaked) f.leaks++;
    figures.set(category, f);
  };
  const principals: Record<string, { headers: Record<string, string> }> = {};

  const send = async (
    category: string,
    method: Operation["method"],
    url: string,
    headers: Record<string, string>,
    payload?: string,
    contentType = "application/json",
  ) => {
    const res = await world.app.server.inject({
      method,
      url,
      headers: { ...headers, ...(payload === undefined ? {} : { "content-type": contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });
    // Another organization's data in the answer, beyond what the request itself sent (a 404 may
    // name the id it was asked for).
    const leaked = leakMarkers.some(
      (m) => res.body.includes(m) && !url.includes(m) && !(payload ?? "").includes(m),
    );
    count(category, res.statusCode, leaked);
    return { status: res.statusCode, body: res.body, leaked, headers: res.headers };
  };

  beforeAll(async () => {
    world = await startDialectWorld(
      dialect,
      { users: 8, groups: 3, accounts: 2 },
      { IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*", IDC_SYNC_TRUST_PROXY: "127.0.0.1" },
      false,
      // Thousands of refused requests from one address: the limit has its own test (security-browser).
      { authLimits: { maxFailures: 1_000_000, windowMs: 60_000 } },
    );
    const connA = await connectAndSync(world, world.tokenA, "Tenant A");
    const connB = await connectAndSync(world, world.tokenB, "Tenant B private");
    const first = async (token: string, path: string) =>
      ((await call(world, "GET", path, { token })).body as { items: Record<string, string>[] }).items[0] ??
      {};
    for (const [ids, conn, token] of [
      [idsA, connA, world.tokenA],
      [idsB, connB, world.tokenB],
    ] as const) {
      ids["connectionId"] = conn;
      ids["userId"] = (await first(token, `/api/users?connectionId=${conn}`))["userId"] ?? "";
      ids["groupId"] = (await first(token, `/api/connections/${conn}/groups`))["groupId"] ?? "";
      ids["permissionSetArn"] = (await first(token, `/api/connections/${conn}/permission-sets`))["arn"] ?? "";
      ids["accountId"] = (await first(token, `/api/connections/${conn}/accounts`))["accountId"] ?? "";
      ids["findingId"] = (await first(token, `/api/connections/${conn}/findings`))["id"] ?? "";
      ids["tokenId"] = (await first(token, "/api/tokens"))["id"] ?? "";
    }
    const orgB = await world.store.getOrganization(world.orgB);
    leakMarkers = [
      connB,
      world.orgB,
      orgB.externalId,
      "Tenant B private",
      idsB["tokenId"] ?? "",
      world.tokenB,
    ];
    expect(leakMarkers.every((m) => m.length > 0)).toBe(true);

    const newToken = async (body: object) =>
      createdTokenResponse.parse((await call(world, "POST", "/api/tokens", { body })).body);
    const bearer = (t: string) => ({ headers: { authorization: `Bearer ${t}` } });
    const signIn = async (t: string) => {
      const res = await world.app.server.inject({
        method: "POST",
        url: "/api/session",
        payload: { token: t },
      });
      return String(res.headers["set-cookie"]).split(";")[0] ?? "";
    };
    principals["admin"] = bearer(world.tokenA);
    principals["read-scoped token"] = bearer((await newToken({ name: "read", scope: "read" })).token);
    const revoked = await newToken({ name: "revoked", scope: "admin" });
    await call(world, "DELETE", `/api/tokens/${revoked.info.id}`);
    principals["revoked token"] = bearer(revoked.token);
    const signedOut = await signIn(world.tokenA);
    await world.app.server.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie: signedOut, "sec-fetch-site": "same-origin" },
    });
    principals["session after sign-out"] = {
      headers: { cookie: signedOut, "sec-fetch-site": "same-origin" },
    };
    const expiring = await newToken({ name: "expiring", scope: "admin", expiresInDays: 1 });
    world.timer.advance(25 * HOUR);
    principals["expired token"] = bearer(expiring.token);
    principals["no token"] = { headers: {} };
    principals["session"] = {
      headers: { cookie: await signIn(world.tokenA), "sec-fetch-site": "same-origin" },
    };

    const doc = await world.app.server.inject({ method: "GET", url: "/api/openapi.json" });
    ops = operationsOf(JSON.parse(doc.body) as Record<string, unknown>);
  }, 120_000);

  afterAll(async () => {
    const rows = [...figures.entries()].map(([category, f]) => ({ category, ...f }));
    const total = rows.reduce(
      (a, r) => ({
        requests: a.requests + r.requests,
        fiveXX: a.fiveXX + r.fiveXX,
        leaks: a.leaks + r.leaks,
      }),
      {
        requests: 0,
        fiveXX: 0,
        leaks: 0,
      },
    );
    console.log(`security suite figures [${dialect}]`);
    console.table([...rows, { category: "TOTAL", ...total }]);
    await world?.close();
  });

  /** A well-formed body, so that what is judged is who asks, not what they send. */
  const bodyFor = (op: Operation) => {
    if (op.method !== "POST" && op.method !== "PATCH") return undefined;
    if (op.path.endsWith("/accept")) return JSON.stringify({ reason: "r", acceptedBy: "suite" });
    if (op.method === "PATCH") return JSON.stringify({ name: "renamed" });
    if (op.path === "/api/tokens") return JSON.stringify({ name: "t", scope: "read" });
    return "{}";
  };

  it("the document lists the routes, the token routes among them", () => {
    expect(ops.length).toBeGreaterThan(30);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toContain("DELETE /api/tokens/:tokenId");
  });

  it("cross-tenant: another organization's ids are 401/403/404 and nothing of theirs is answered", async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.auth)) {
      const targets: string[] = [];
      if (op.pathParams.includes("connectionId") || op.pathParams.includes("tokenId")) {
        // B's connection with B's ids; and A's connection with B's other ids where they differ.
        targets.push(fillPath(op, idsB));
      }
      if (op.query.some((q) => q.name === "connectionId"))
        targets.push(`${fillPath(op, idsA)}?connectionId=${idsB["connectionId"]}`);
      for (const url of targets) {
        const res = await send(
          "cross-tenant: other org's ids",
          op.method,
          url,
          principals["admin"]!.headers,
          bodyFor(op),
        );
        if (![401, 403, 404].includes(res.status) || res.leaked)
          failures.push(`${op.method} ${url}: ${res.status}${res.leaked ? " LEAK" : ""}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(["no token", "expired token", "revoked token", "session after sign-out"])(
    "every authenticated route refuses a request with %s (401), leaking nothing",
    async (who) => {
      const failures: string[] = [];
      for (const op of ops.filter((o) => o.auth)) {
        for (const ids of [idsA, idsB]) {
          const res = await send(
            `auth: ${who}`,
            op.method,
            fillPath(op, ids),
            principals[who]!.headers,
            bodyFor(op),
          );
          if (res.status !== 401 || res.leaked) failures.push(`${op.method} ${op.path}: ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it("a read-scoped token is refused (403) on every state-changing route and reads only its own organization", async () => {
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.auth && o.method !== "GET")) {
      const res = await send(
        "auth: read-scoped token on admin routes",
        op.method,
        fillPath(op, idsA),
        principals["read-scoped token"]!.headers,
        bodyFor(op),
      );
      if (res.status !== 403) failures.push(`${op.method} ${op.path}: ${res.status}`);
    }
    for (const op of ops.filter((o) => o.auth && o.method === "GET" && o.path.includes(":connectionId"))) {
      const res = await send(
        "auth: read-scoped token on admin routes",
        op.method,
        fillPath(op, idsB),
        principals["read-scoped token"]!.headers,
      );
      if (![401, 403, 404].includes(res.status) || res.leaked)
        failures.push(`${op.method} ${op.path} (B): ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("a valid cookie on a state-changing request from a foreign Origin is refused (403)", async () => {
    const cookie = principals["session"]!.headers["cookie"] ?? "";
    const failures: string[] = [];
    for (const op of ops.filter((o) => o.method !== "GET")) {
      for (const foreign of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }, {}]) {
        const res = await send(
          "foreign-origin POST with a valid cookie",
          op.method,
          fillPath(op, idsA),
          { cookie, ...foreign },
          bodyFor(op),
        );
        if (res.status !== 403)
          failures.push(`${op.method} ${op.path} ${JSON.stringify(foreign)}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("headers and cookies: CSP, frame-ancestors, no Referer, HttpOnly, SameSite, Secure behind the trusted proxy", async () => {
    for (const url of ["/", "/api/connections", "/api/openapi.json"]) {
      const res = await send("headers and cookies", "GET", url, principals["admin"]!.headers);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
    }
    for (const proto of ["http", "https"]) {
      const res = await world.app.server.inject({
        method: "POST",
        url: "/api/session",
        payload: { token: world.tokenA },
        headers: { "x-forwarded-proto": proto },
      });
      count("headers and cookies", res.statusCode, false);
      const cookie = String(res.headers["set-cookie"]);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(/; Secure/.test(cookie)).toBe(proto === "https");
    }
  });

  it("2,000+ malformed requests generated from the schemas: no 5xx, no leak, the process alive", async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const op of ops) {
      const who = op.auth
        ? op.method === "GET"
          ? principals["admin"]!
          : principals["admin"]!
        : { headers: {} };
      // Deletions aim at ids that do not exist: the fuzz must not remove what the rest reads.
      const ids =
        op.method === "DELETE"
          ? { ...idsA, connectionId: "no-such-connection", tokenId: "no-such-token" }
          : idsA;
      for (const c of malformedCases(op, ids)) {
        const res = await send(
          `malformed: ${c.category}`,
          c.method,
          c.url,
          who.headers,
          c.payload,
          c.contentType,
        );
        sent++;
        if (res.status >= 500 || res.leaked)
          failures.push(
            `${c.method} ${c.url.slice(0, 120)} [${c.category}]: ${res.status} ${res.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(2000);
    const alive = await call(world, "GET", "/api/connections");
    expect(alive.status).toBe(200);
  }, 240_000);
});
