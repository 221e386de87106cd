// Issue 13, M2 through the API, on both databases: the session cookie is a server-side session
// (not the token), sign-out revokes it, sessions end when idle; tokens are created, listed and
// revoked through /api/tokens, a read-scoped token is refused (403) on every state-changing
// route, and expired or revoked tokens are refused (401).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createdTokenResponse,
  errorBodySchema,
  routes,
  tokenListResponse,
} from "../../src/http/api-contract.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, type World } from "./harness.js";

const SAME_ORIGIN = { "sec-fetch-site": "same-origin" };

describe.each(DIALECTS)("sessions and tokens [%s]", (dialect) => {
  let world: World;
  let conn: string;
  beforeAll(async () => {
    world = await startDialectWorld(dialect, { users: 5, groups: 2, accounts: 1 });
    conn = await connectAndSync(world, world.tokenA, "A");
  });
  afterAll(async () => {
    await world.close();
  });

  const signIn = async (token: string): Promise<string> => {
    const res = await world.app.server.inject({ method: "POST", url: "/api/session", payload: { token } });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers["set-cookie"]).split(";")[0] ?? "";
  };
  const withCookie = (cookie: string, method: "GET" | "DELETE" | "POST", url: string, payload?: object) =>
    world.app.server.inject({
      method,
      url,
      headers: { cookie, ...SAME_ORIGIN },
      ...(payload ? { payload } : {}),
    });
  const createToken = async (body: object, token = world.tokenA) => {
    const res = await call(world, "POST", "/api/tokens", { token, body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return createdTokenResponse.parse(res.body);
  };

  it("the cookie holds a session id, not the token, and sign-out revokes it (the same value is refused)", async () => {
    const cookie = await signIn(world.tokenA);
    expect(cookie).toMatch(/^idc_sync_session=idcss_/);
    expect(cookie).not.toContain(world.tokenA);
    expect((await withCookie(cookie, "GET", "/api/session")).statusCode).toBe(200);
    expect((await withCookie(cookie, "DELETE", "/api/session")).statusCode).toBe(204);
    const after = await withCookie(cookie, "GET", "/api/connections");
    expect(after.statusCode).toBe(401);
    expect(errorBodySchema.parse(JSON.parse(after.body)).error.code).toBe("unauthorized");
    // The token itself still works: signing out ends the session, not the token.
    expect((await call(world, "GET", "/api/connections")).status).toBe(200);
  });

  it("a session unused for the idle time ends", async () => {
    const cookie = await signIn(world.tokenA);
    world.timer.advance(2 * 3600_000 + 1000);
    expect((await withCookie(cookie, "GET", "/api/session")).statusCode).toBe(401);
  });

  it("tokens are created (shown once), listed without their value, and revoked with their sessions", async () => {
    const created = await createToken({ name: "reporting", scope: "read", expiresInDays: 30 });
    expect(created.token).toMatch(/^idcs_/);
    expect(created.info).toMatchObject({ name: "reporting", scope: "read", active: true, current: false });
    const cookie = await signIn(created.token);
    const list = tokenListResponse.parse((await call(world, "GET", "/api/tokens")).body);
    expect(JSON.stringify(list)).not.toContain(created.token);
    const listed = list.items.find((t) => t.id === created.info.id);
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(list.items.find((t) => t.current)?.scope).toBe("admin");

    const revoke = await call(world, "DELETE", `/api/tokens/${created.info.id}`);
    expect(revoke.status).toBe(204);
    expect((await call(world, "GET", "/api/connections", { token: created.token })).status).toBe(401);
    expect((await withCookie(cookie, "GET", "/api/connections")).statusCode).toBe(401);
  });

  it("another organization's token cannot be revoked (404) and keeps working", async () => {
    const res = await call(world, "GET", "/api/tokens", { token: world.tokenB });
    const bToken = tokenListResponse.parse(res.body).items[0];
    expect((await call(world, "DELETE", `/api/tokens/${bToken?.id ?? ""}`)).status).toBe(404);
    expect((await call(world, "GET", "/api/connections", { token: world.tokenB })).status).toBe(200);
  });

  it("an expired token is refused", async () => {
    const created = await createToken({ name: "short", scope: "admin", expiresInDays: 1 });
    expect((await call(world, "GET", "/api/connections", { token: created.token })).status).toBe(200);
    world.timer.advance(86_400_000 + 1000);
    expect((await call(world, "GET", "/api/connections", { token: created.token })).status).toBe(401);
  });

  it("a read-scoped token reads, and is refused with 403 on every state-changing route", async () => {
    const { token } = await createToken({ name: "reader", scope: "read" });
    expect((await call(world, "GET", `/api/connections/${conn}`, { token })).status).toBe(200);
    const writes = Object.values(routes).filter(
      (r) => r.auth && r.method !== "GET" && !("scope" in r && r.scope === "read"),
    );
    expect(writes.length).toBeGreaterThan(5);
    for (const r of writes) {
      const url = r.path
        .replace(":connectionId", conn)
        .replace(":findingId", "f")
        .replace(":tokenId", "t")
        .replace(":integration", "aws-identity-center");
      const res = await call(world, r.method, url, { token, body: {} });
      expect(res.status, `${r.method} ${r.path}`).toBe(403);
      expect(errorBodySchema.parse(res.body).error.code).toBe("forbidden");
    }
    expect((await call(world, "GET", "/api/tokens", { token })).status).toBe(403);
    expect((await call(world, "GET", `/api/connections/${conn}`)).body).toMatchObject({ name: "A" });
  });
});
