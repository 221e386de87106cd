// A token of organization A never reaches organization B's data: every route that names an object
// answers 404 for B's, and lists show A's objects only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema, routes, type RouteContract } from "../../src/http/api-contract.js";
import { call, connectAndSync, startWorld, type World } from "./harness.js";

let world: World;
let connA: string;
let connB: string;
let userId: string;
let findingB: string;
const SECRET_NAME = "Connection of B, not for A";

beforeAll(async () => {
  world = await startWorld();
  connA = await connectAndSync(world, world.tokenA, "Connection of A");
  connB = await connectAndSync(world, world.tokenB, SECRET_NAME);
  userId = world.sandbox.world.users[0]?.UserId ?? "";
  findingB = (await world.store.listFindings(world.orgB, { connectionId: connB })).items[0]?.id ?? "";
});
afterAll(async () => {
  await world.close();
});

/** A valid body for each route that takes one, so only ownership can fail. */
const bodies: Partial<Record<keyof typeof routes, unknown>> = {
  updateConnection: { name: "taken over" },
  syncNow: { force: true },
  acceptFinding: { reason: "taken over", acceptedBy: "A" },
};

const objectRoutes = (Object.entries(routes) as [keyof typeof routes, RouteContract][]).filter(([, r]) =>
  r.path.includes(":connectionId"),
);

describe("organization A's token on organization B's objects", () => {
  it("covers every route that names a connection", () => {
    expect(objectRoutes.map(([name]) => name).sort()).toEqual(
      [
        "checkConnection",
        "deleteConnection",
        "exportConnection",
        "getAccount",
        "getConnection",
        "getGroup",
        "getPermissionSet",
        "getUser",
        "listAccess",
        "listAccounts",
        "listGroupMembers",
        "listGroups",
        "listPermissionSets",
        "listConnectionFindings",
        "acceptFinding",
        "listSyncRuns",
        "summarizeAccess",
        "getUsage",
        "syncNow",
        "cancelSync",
        "updateConnection",
      ].sort(),
    );
  });

  it.each(objectRoutes)("%s answers 404 without B's data", async (name, route) => {
    // B's real ids (both sandboxes hold the same generated data), so only ownership can fail.
    const w = world.sandbox.world;
    const url = route.path
      .replace(":connectionId", connB)
      .replace(":userId", userId)
      .replace(":groupId", w.groups[0]?.GroupId ?? "")
      .replace(":permissionSetArn", encodeURIComponent(w.permissionSets[0]?.PermissionSetArn ?? ""))
      .replace(":accountId", w.accounts[0]?.Id ?? "")
      .replace(":findingId", findingB);
    const res = await call(world, route.method, url, { token: world.tokenA, body: bodies[name] });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    errorBodySchema.parse(res.body);
    expect(JSON.stringify(res.body)).not.toContain(SECRET_NAME);
    expect(JSON.stringify(res.body)).not.toContain(world.sandbox.world.users[0]?.UserName ?? "-");
  });

  it("left B's connection as it was: not renamed, not deleted, no run started", async () => {
    const b = await call(world, "GET", `/api/connections/${connB}`, { token: world.tokenB });
    expect(b.status).toBe(200);
    expect((b.body as { name: string }).name).toBe(SECRET_NAME);
    expect(world.app.scheduler.isRunning(connB)).toBe(false);
    const runs = await call(world, "GET", `/api/connections/${connB}/runs`, { token: world.tokenB });
    expect((runs.body as { items: unknown[] }).items).toHaveLength(1);
  });

  it("filters naming B's connection answer 404", async () => {
    for (const url of [
      `/api/users?connectionId=${connB}`,
      `/api/changes?connectionId=${connB}`,
      `/api/downloads/users?connectionId=${connB}`,
      `/api/downloads/access?connectionId=${connB}`,
      `/api/downloads/group-members?connectionId=${connB}&groupId=${world.sandbox.world.groups[0]?.GroupId ?? ""}`,
      `/api/findings?connectionId=${connB}`,
    ]) {
      const res = await call(world, "GET", url, { token: world.tokenA });
      expect(res.status, url).toBe(404);
      errorBodySchema.parse(res.body);
    }
  });

  it("lists hold A's objects only", async () => {
    const list = await call(world, "GET", "/api/connections", { token: world.tokenA });
    expect((list.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([connA]);
    const integrations = await call(world, "GET", "/api/integrations", { token: world.tokenA });
    expect(JSON.stringify(integrations.body)).not.toContain(connB);
    const users = await call(world, "GET", "/api/users?limit=500", { token: world.tokenA });
    const items = (users.body as { items: { connectionId: string }[] }).items;
    expect(items.length).toBe(world.sandbox.world.users.length);
    expect(new Set(items.map((u) => u.connectionId))).toEqual(new Set([connA]));
    const changes = await call(world, "GET", "/api/changes?limit=500", { token: world.tokenA });
    for (const c of (changes.body as { items: { connectionId: string }[] }).items)
      expect(c.connectionId).toBe(connA);
    const session = await call(world, "GET", "/api/session", { token: world.tokenA });
    expect((session.body as { organization: { id: string } }).organization.id).toBe(world.orgA);
  });

  it("B's token sees B's connection and not A's", async () => {
    const res = await call(world, "GET", `/api/connections/${connA}`, { token: world.tokenB });
    expect(res.status).toBe(404);
    const list = await call(world, "GET", "/api/connections", { token: world.tokenB });
    expect((list.body as { items: { id: string }[] }).items.map((c) => c.id)).toEqual([connB]);
  });
});
