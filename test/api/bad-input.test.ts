// Every route answers bad input with a 4xx and the one error shape, naming the field; never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, routes, type RouteContract } from "../../src/http/api-contract.js";
import { call, connectAndSync, connectBody, startWorld, type Reply, type World } from "./harness.js";

let world: World;
let conn: string;
let userId: string;

beforeAll(async () => {
  world = await startWorld();
  conn = await connectAndSync(world, world.tokenA, "A");
  userId = world.sandbox.world.users[0]?.UserId ?? "";
});
afterAll(async () => {
  await world.close();
});

function expectError(res: Reply, status: number, field?: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const body = errorBodySchema.parse(res.body);
  expect(body.error.message.length).toBeGreaterThan(0);
  if (field !== undefined) {
    expect(body.error.field).toBe(field);
  }
}

const fill = (path: string): string =>
  path
    .replace(":connectionId", conn)
    .replace(":userId", userId)
    .replace(":integration", "aws-identity-center");

describe("authentication", () => {
  const authRoutes = Object.values(routes as Record<string, RouteContract>).filter((r) => r.auth);

  it.each(authRoutes.map((r) => [r.method, r.path] as const))(
    "%s %s without a token is 401",
    async (m, p) => {
      expectError(
        await call(world, m, fill(p), { token: null, body: m === "POST" || m === "PATCH" ? {} : undefined }),
        401,
      );
    },
  );

  it("refuses an unknown token, a malformed header and an unknown session cookie", async () => {
    expectError(await call(world, "GET", "/api/connections", { token: "idcs_not-a-token" }), 401);
    const header = await world.app.server.inject({
      method: "GET",
      url: "/api/connections",
      headers: { authorization: "Basic abc" },
    });
    expect(header.statusCode).toBe(401);
    expectError(
      await call(world, "GET", "/api/connections", { token: null, cookie: "idc_sync_session=nope" }),
      401,
    );
  });
});

/** The sandbox's values (and endpoint) with some replaced, read when the test runs. */
const values =
  (over: Record<string, unknown> = {}) =>
  () => ({ ...connectBody(world.sandbox), ...over });

describe("bad input names the field", () => {
  const cases: [
    string,
    "GET" | "POST" | "PATCH" | "DELETE",
    () => string,
    unknown,
    number,
    string | undefined,
  ][] = [
    ["session without token", "POST", () => "/api/session", {}, 400, "token"],
    ["session with a number", "POST", () => "/api/session", { token: 5 }, 400, "token"],
    ["session with an extra field", "POST", () => "/api/session", { token: "x", admin: true }, 400, "admin"],
    ["session with a wrong token", "POST", () => "/api/session", { token: "wrong" }, 401, undefined],
    [
      "capabilities of another integration",
      "GET",
      () => "/api/integrations/okta/capabilities",
      undefined,
      400,
      "integration",
    ],
    [
      "check with a bad role ARN",
      "POST",
      () => "/api/connections/check",
      values({ roleArn: "nope" }),
      400,
      "roleArn",
    ],
    ["connect without values", "POST", () => "/api/connections", {}, 400, "roleArn"],
    [
      "connect with a bad region",
      "POST",
      () => "/api/connections",
      values({ region: "mars-1" }),
      400,
      "region",
    ],
    [
      "connect with a bad identity store id",
      "POST",
      () => "/api/connections",
      values({ identityStoreId: "x" }),
      400,
      "identityStoreId",
    ],
    [
      "connect with a bad instance ARN",
      "POST",
      () => "/api/connections",
      values({ instanceArn: "arn:aws:sso:::instance/x" }),
      400,
      "instanceArn",
    ],
    [
      "connect with an endpoint that is not an http URL",
      "POST",
      () => "/api/connections",
      values({ endpointUrl: "file:///etc/passwd" }),
      400,
      "endpointUrl",
    ],
    [
      "check with an endpoint that is not a URL",
      "POST",
      () => "/api/connections/check",
      values({ endpointUrl: "sandbox" }),
      400,
      "endpointUrl",
    ],
    [
      "capabilities of an unknown connection",
      "GET",
      () => "/api/integrations/aws-identity-center/capabilities?connectionId=nope",
      undefined,
      404,
      undefined,
    ],
    [
      "connect with a too-short schedule",
      "POST",
      () => "/api/connections",
      values({ scheduleMinutes: 1 }),
      400,
      "scheduleMinutes",
    ],
    ["connect the same instance twice", "POST", () => "/api/connections", values(), 409, undefined],
    ["unknown connection", "GET", () => "/api/connections/does-not-exist", undefined, 404, undefined],
    [
      "edit with a bad schedule",
      "PATCH",
      () => `/api/connections/${conn}`,
      { scheduleMinutes: "often" },
      400,
      "scheduleMinutes",
    ],
    ["edit with an empty name", "PATCH", () => `/api/connections/${conn}`, { name: "" }, 400, "name"],
    [
      "edit a value that cannot change",
      "PATCH",
      () => `/api/connections/${conn}`,
      { roleArn: "x" },
      400,
      "roleArn",
    ],
    [
      "delete an unknown connection",
      "DELETE",
      () => "/api/connections/does-not-exist",
      undefined,
      404,
      undefined,
    ],
    [
      "check an unknown connection",
      "POST",
      () => "/api/connections/does-not-exist/check",
      undefined,
      404,
      undefined,
    ],
    ["sync with a bad force", "POST", () => `/api/connections/${conn}/sync`, { force: "yes" }, 400, "force"],
    ["sync an unknown connection", "POST", () => "/api/connections/nope/sync", {}, 404, undefined],
    ["runs with limit 0", "GET", () => `/api/connections/${conn}/runs?limit=0`, undefined, 400, "limit"],
    [
      "runs with a forged cursor",
      "GET",
      () => `/api/connections/${conn}/runs?cursor=forged`,
      undefined,
      400,
      "cursor",
    ],
    [
      "export of an unknown connection",
      "GET",
      () => "/api/connections/nope/export",
      undefined,
      404,
      undefined,
    ],
    [
      "access summary of an unknown connection",
      "GET",
      () => "/api/connections/nope/access/summary",
      undefined,
      404,
      undefined,
    ],
    [
      "access with a bad limit",
      "GET",
      () => `/api/connections/${conn}/access?limit=many`,
      undefined,
      400,
      "limit",
    ],
    [
      "access with a forged cursor",
      "GET",
      () => `/api/connections/${conn}/access?cursor=forged`,
      undefined,
      400,
      "cursor",
    ],
    ["an unknown user", "GET", () => `/api/connections/${conn}/users/nobody`, undefined, 404, undefined],
    ["users with a bad status", "GET", () => "/api/users?status=ACTIVE", undefined, 400, "status"],
    ["users with a bad sort", "GET", () => "/api/users?sort=age", undefined, 400, "sort"],
    ["users with a bad order", "GET", () => "/api/users?order=up", undefined, 400, "order"],
    ["users with a too-large limit", "GET", () => "/api/users?limit=100000", undefined, 400, "limit"],
    ["users with a forged cursor", "GET", () => "/api/users?cursor=forged", undefined, 400, "cursor"],
    ["users with an unknown parameter", "GET", () => "/api/users?admin=1", undefined, 400, "admin"],
    ["users twice the same parameter", "GET", () => "/api/users?q=a&q=b", undefined, 400, "q"],
    [
      "users of an unknown connection",
      "GET",
      () => "/api/users?connectionId=nope",
      undefined,
      404,
      undefined,
    ],
    ["changes with a bad kind", "GET", () => "/api/changes?kind=user.exploded", undefined, 400, "kind"],
    ["changes with a bad time", "GET", () => "/api/changes?since=yesterday", undefined, 400, "since"],
    ["changes with a forged cursor", "GET", () => "/api/changes?cursor=forged", undefined, 400, "cursor"],
  ];

  it.each(cases)("%s", async (_name, method, url, body, status, field) => {
    const payload: unknown = typeof body === "function" ? (body as () => unknown)() : body;
    expectError(await call(world, method, url(), { body: payload }), status, field);
  });

  it("answers malformed JSON, a wrong content type and an unknown route with the error shape", async () => {
    const bad = await world.app.server.inject({
      method: "POST",
      url: "/api/connections",
      headers: { authorization: `Bearer ${world.tokenA}`, "content-type": "application/json" },
      payload: "{not json",
    });
    expectError({ status: bad.statusCode, body: JSON.parse(bad.body), headers: {} }, 400, "body");
    const form = await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "token=x",
    });
    expect(form.statusCode).toBe(415);
    errorBodySchema.parse(JSON.parse(form.body));
    expectError(await call(world, "GET", "/api/nothing-here"), 404);
  });
});
