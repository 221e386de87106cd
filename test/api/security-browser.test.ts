// Issue 13, browser defences: L7 (CSP, frame-ancestors, Referrer-Policy), L3 (a cookie-authenticated
// state-changing request from another site is refused), L4 (Secure cookies behind a trusted TLS
// proxy, and only then), L5 (failed authentication is limited per source and per token prefix).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../src/http/api-contract.js";
import { connectAndSync, startWorld, type World } from "./harness.js";

const LIMITS = { maxFailures: 5, windowMs: 60_000 };

let world: World;
let proxied: World;
let conn: string;
beforeAll(async () => {
  world = await startWorld({ users: 5, groups: 2, accounts: 1 }, false, undefined, undefined, {
    authLimits: LIMITS,
  });
  proxied = await startWorld({ users: 1, groups: 1, accounts: 1 }, false, {
    IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
    IDC_SYNC_TRUST_PROXY: "true",
  });
  conn = await connectAndSync(world, world.tokenA, "A");
});
afterAll(async () => {
  await world.close();
  await proxied.close();
});

async function signIn(w: World, headers: Record<string, string> = {}) {
  const res = await w.app.server.inject({
    method: "POST",
    url: "/api/session",
    payload: { token: w.tokenA },
    headers,
    remoteAddress: "10.9.9.9",
  });
  expect(res.statusCode).toBe(200);
  const setCookie = String(res.headers["set-cookie"]);
  return { setCookie, cookie: setCookie.split(";")[0] ?? "" };
}

describe("security headers (L7)", () => {
  it.each(["/", "/api/connections", "/api/openapi.json", "/no-such-page"])(
    "%s carries a CSP without inline scripts, frame-ancestors 'none' and no Referer",
    async (url) => {
      const res = await world.app.server.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    },
  );
});

describe("session cookie flags (L4)", () => {
  it("is HttpOnly and SameSite=Strict, and not Secure over plain HTTP", async () => {
    const { setCookie } = await signIn(world);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("ignores X-Forwarded-Proto unless IDC_SYNC_TRUST_PROXY says to believe the proxy", async () => {
    const { setCookie } = await signIn(world, { "x-forwarded-proto": "https" });
    expect(setCookie).not.toMatch(/Secure/);
  });

  it("is Secure behind a trusted TLS-terminating proxy", async () => {
    const { setCookie } = await signIn(proxied, { "x-forwarded-proto": "https" });
    expect(setCookie).toMatch(/; Secure/);
    expect(setCookie).toMatch(/HttpOnly/);
  });
});

describe("foreign-origin requests (L3)", () => {
  const sync = (headers: Record<string, string>) =>
    world.app.server.inject({
      method: "POST",
      url: `/api/connections/${conn}/sync`,
      payload: {},
      headers,
    });

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { "sec-fetch-site": "same-site" }],
    ["Origin: null (a sandboxed frame)", { origin: "null" }],
    ["neither header", {}],
  ])("a cookie-authenticated POST with %s is refused with 403 cross_origin", async (_, headers) => {
    const { cookie } = await signIn(world);
    const res = await sync({ cookie, ...headers });
    expect(res.statusCode).toBe(403);
    expect(errorBodySchema.parse(JSON.parse(res.body)).error.code).toBe("cross_origin");
  });

  it("a foreign-origin PATCH and DELETE with a valid cookie change nothing", async () => {
    const { cookie } = await signIn(world);
    const headers = { cookie, origin: "https://evil.example" };
    const patch = await world.app.server.inject({
      method: "PATCH",
      url: `/api/connections/${conn}`,
      payload: { name: "pwned" },
      headers,
    });
    expect(patch.statusCode).toBe(403);
    const del = await world.app.server.inject({ method: "DELETE", url: `/api/connections/${conn}`, headers });
    expect(del.statusCode).toBe(403);
    const after = await world.app.server.inject({
      method: "GET",
      url: `/api/connections/${conn}`,
      headers: { cookie },
    });
    expect((JSON.parse(after.body) as { name: string }).name).toBe("A");
  });

  it("the app's own page (same origin) may POST with the cookie", async () => {
    const { cookie } = await signIn(world);
    const host = "localhost:80";
    const viaOrigin = await world.app.server.inject({
      method: "PATCH",
      url: `/api/connections/${conn}`,
      payload: { name: "A" },
      headers: { cookie, origin: `http://${host}`, host },
    });
    expect(viaOrigin.statusCode, viaOrigin.body).toBe(200);
    const viaFetchSite = await world.app.server.inject({
      method: "PATCH",
      url: `/api/connections/${conn}`,
      payload: { name: "A" },
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(viaFetchSite.statusCode).toBe(200);
  });

  it("a bearer token without browser headers (the CLI, scripts) is not affected", async () => {
    const res = await world.app.server.inject({
      method: "PATCH",
      url: `/api/connections/${conn}`,
      payload: { name: "A" },
      headers: { authorization: `Bearer ${world.tokenA}` },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe("failed authentication limit (L5)", () => {
  const attempt = (token: string, remoteAddress: string) =>
    world.app.server.inject({
      method: "GET",
      url: "/api/connections",
      headers: { authorization: `Bearer ${token}` },
      remoteAddress,
    });

  it("blocks a source after too many failures, even with the right token, but not other sources", async () => {
    for (let i = 0; i < LIMITS.maxFailures; i++) {
      expect((await attempt(`idcs_wrong-${i}-${"x".repeat(20)}`, "10.1.1.1")).statusCode).toBe(401);
    }
    const blocked = await attempt(world.tokenA, "10.1.1.1");
    expect(blocked.statusCode).toBe(429);
    expect(errorBodySchema.parse(JSON.parse(blocked.body)).error.code).toBe("rate_limited");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    const signIn = await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: world.tokenA },
      remoteAddress: "10.1.1.1",
    });
    expect(signIn.statusCode).toBe(429);
    expect((await attempt(world.tokenA, "10.1.1.2")).statusCode).toBe(200);
  });

  it("blocks a token prefix guessed from many sources, not other tokens", async () => {
    const prefix = "idcs_AAAAAAA";
    for (let i = 0; i < LIMITS.maxFailures; i++) {
      expect((await attempt(`${prefix}${i}-guess`, `10.2.0.${i}`)).statusCode).toBe(401);
    }
    expect((await attempt(`${prefix}-another-guess`, "10.2.1.1")).statusCode).toBe(429);
    expect((await attempt(world.tokenA, "10.2.1.2")).statusCode).toBe(200);
  });

  it("successful requests count nothing", async () => {
    for (let i = 0; i < LIMITS.maxFailures * 3; i++) {
      expect((await attempt(world.tokenA, "10.3.3.3")).statusCode).toBe(200);
    }
  });
});
