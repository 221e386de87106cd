// What the web app reads: session cookie, connections, users (search, filter, sort, paging,
// counts), a user's groups and access, access by account, changes between syncs, runs, export,
// capabilities, setup and the OpenAPI document.
import { foldText } from "../../src/domain/fold.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessListResponse,
  accessSummaryResponse,
  capabilitiesResponse,
  changeListResponse,
  connectionSchema,
  integrationListResponse,
  routes,
  sessionResponse,
  setupResponse,
  syncRunListResponse,
  userDetailResponse,
  userListResponse,
  type UserListResponse,
  usageResponse,
} from "../../src/http/api-contract.js";
import { applyMutations } from "../../src/sandbox/index.js";
import { call, connectAndSync, historyRead, settled, startWorld, type World } from "./harness.js";

let world: World;
let conn: string;

beforeAll(async () => {
  world = await startWorld({ users: 40, groups: 6, accounts: 4, seed: 7 });
  conn = await connectAndSync(world, world.tokenA, "Reads");
});
afterAll(async () => {
  await world.close();
});

async function get<T>(url: string, parse: { parse: (v: unknown) => T }): Promise<T> {
  const res = await call(world, "GET", url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return parse.parse(res.body);
}

describe("session", () => {
  it("signs in with the token into an HttpOnly SameSite=Strict cookie, and out again", async () => {
    const signIn = await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: world.tokenA },
    });
    expect(signIn.statusCode).toBe(200);
    expect(sessionResponse.parse(JSON.parse(signIn.body)).organization.id).toBe(world.orgA);
    const setCookie = String(signIn.headers["set-cookie"]);
    expect(setCookie).toMatch(/^idc_sync_session=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(";")[0] ?? "";

    const me = await call(world, "GET", "/api/session", { token: null, cookie });
    expect(me.status).toBe(200);
    const conns = await call(world, "GET", "/api/connections", { token: null, cookie });
    expect(conns.status).toBe(200);

    const signOut = await world.app.server.inject({
      method: "DELETE",
      url: "/api/session",
      // As a browser sends it from the app's own page (a cookie alone is refused: security-browser).
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(signOut.statusCode).toBe(204);
    expect(String(signOut.headers["set-cookie"])).toMatch(/idc_sync_session=;.*Expires=Thu, 01 Jan 1970/);
  });
});

describe("connections and integrations", () => {
  it("show state, counts, last sync and schedule", async () => {
    const c = await get(`/api/connections/${conn}`, connectionSchema);
    expect(c.state).toBe("connected");
    expect(c.counts?.users).toBe(40);
    expect(c.lastSyncedAt).not.toBeNull();
    expect(c.nextSyncAt).not.toBeNull();
    expect(c.demo).toBe(false);
    const integrations = await get("/api/integrations", integrationListResponse);
    expect(integrations.items[0]?.state).toBe("connected");
    expect(integrations.items[0]?.connections.map((x) => x.id)).toEqual([conn]);
    const caps = await get("/api/integrations/aws-identity-center/capabilities", capabilitiesResponse);
    expect(caps.connectionId).toBeNull();
    expect(caps.items.map((x) => x.name)).toEqual([
      "Username",
      "Status",
      "Name",
      "Email",
      "License type",
      "Groups",
      "Group memberships",
      "Permission sets",
      "Permission set tags",
      "Permissions boundaries",
      "Accounts",
      "Account names and tags",
      "Assignments",
      "Effective access",
      "Sign-in activity",
    ]);
    expect(caps.items.every((x) => x.available && x.missingAction === null && x.note === null)).toBe(true);
  });

  it("edits name and schedule", async () => {
    const res = await call(world, "PATCH", `/api/connections/${conn}`, {
      body: { name: "Renamed", scheduleMinutes: 60 },
    });
    expect(res.status).toBe(200);
    const c = connectionSchema.parse(res.body);
    expect([c.name, c.scheduleMinutes]).toEqual(["Renamed", 60]);
    expect(Date.parse(c.nextSyncAt ?? "")).toBeLessThanOrEqual(
      Date.parse(c.lastSyncedAt ?? "") + 60 * 60_000,
    );
  });

  it("gives the setup assets with the organization's external id, and says why the principal is unknown", async () => {
    const setup = await get("/api/setup", setupResponse);
    const session = await get("/api/session", sessionResponse);
    expect(setup.externalId).toBe(session.organization.externalId);
    expect(setup.platformPrincipalArn).toBeNull();
    expect(setup.problem).toMatch(/credentials/);
    expect(JSON.stringify(setup.permissionPolicy)).toContain("identitystore:ListUsers");
  });
});

describe("users", () => {
  it("pages through every user with opaque cursors and counts per status and license type", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let first: UserListResponse | undefined;
    for (let i = 0; i < 10; i++) {
      const url = `/api/users?limit=15${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const page: UserListResponse = await get(url, userListResponse);
      first ??= page;
      seen.push(...page.items.map((u) => u.userName));
      cursor = page.nextCursor;
      if (cursor === null) break;
    }
    expect(seen).toHaveLength(40);
    // Case- and accent-insensitive order (issue 17 defect 9): "Hélène…" among the h's, not first.
    const folded = seen.map(foldText);
    expect([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(folded);
    const sbUsers = world.sandbox.world.users;
    const disabled = sbUsers.filter((u) => u.UserStatus === "DISABLED").length;
    expect(first?.counts).toEqual({
      total: 40,
      byStatus: { ENABLED: 40 - disabled, DISABLED: disabled, DELETED: 0 },
      byLicenseType: { "AWS Identity Center": 40 },
    });
  });

  it("filters by status and search, sorts descending", async () => {
    const disabled = await get("/api/users?status=DISABLED", userListResponse);
    expect(disabled.items.every((u) => u.status === "DISABLED")).toBe(true);
    expect(disabled.counts.total).toBe(40);
    const target = world.sandbox.world.users[3];
    const found = await get(`/api/users?q=${encodeURIComponent(target?.UserName ?? "")}`, userListResponse);
    expect(found.items.map((u) => u.userId)).toContain(target?.UserId);
    const desc = await get("/api/users?sort=userName&order=desc&limit=3", userListResponse);
    const names = desc.items.map((u) => u.userName);
    const foldedNames = names.map(foldText);
    expect([...foldedNames].sort().reverse()).toEqual(foldedNames);
    const none = await get("/api/users?licenseType=Okta", userListResponse);
    expect(none.items).toEqual([]);
  });

  it("sorts by last sign-in, gives access rows their last use, and sums usage up per connection", async () => {
    await historyRead(world, world.orgA, conn);
    const truth = world.sandbox.activity.truth(Date.now());
    const newest = await get(
      `/api/users?connectionId=${conn}&sort=lastSignInAt&order=desc&limit=3`,
      userListResponse,
    );
    const expected = [...truth.lastSignInAt.values()]
      .filter((t) => t !== null)
      .sort()
      .reverse();
    expect(newest.items.map((u) => u.lastSignInAt)).toEqual(expected.slice(0, 3));
    const oldest = await get(`/api/users?connectionId=${conn}&sort=lastSignInAt&limit=1`, userListResponse);
    expect(oldest.items[0]?.lastSignInAt).toBeNull();
    const access = await get(`/api/connections/${conn}/access?limit=500`, accessListResponse);
    for (const a of access.items)
      expect(a.lastUsedAt).toBe(truth.lastUsedAt.get(`${a.userId}\n${a.accountId}\n${a.permissionSetArn}`));
    const usage = await get(`/api/connections/${conn}/usage`, usageResponse);
    expect(usage).toMatchObject({
      state: "available",
      users: 40,
      activeLast90Days: expected.length,
      neverSeen: 40 - expected.length,
      horizonDays: 90,
    });
  });

  it("shows a user's groups and access with paths", async () => {
    const grant = (await get(`/api/connections/${conn}/access?limit=500`, accessListResponse)).items.find(
      (a) => a.via.some((p) => p.type === "GROUP"),
    );
    expect(grant).toBeDefined();
    const detail = await get(`/api/connections/${conn}/users/${grant?.userId ?? ""}`, userDetailResponse);
    expect(detail.groups.length).toBeGreaterThan(0);
    const row = detail.access.find(
      (a) => a.accountId === grant?.accountId && a.permissionSetArn === grant.permissionSetArn,
    );
    const groupPath = row?.via.find((p) => p.type === "GROUP");
    expect(groupPath).toBeDefined();
    if (groupPath?.type === "GROUP") {
      expect(detail.groups.map((g) => g.groupId)).toContain(groupPath.groupId);
    }
  });
});

describe("access", () => {
  it("goes account -> permission set -> users, filterable and paged", async () => {
    const summary = await get(`/api/connections/${conn}/access/summary`, accessSummaryResponse);
    expect(summary.items.length).toBeGreaterThan(0);
    const top = summary.items[0];
    const q = `accountId=${top?.accountId ?? ""}&permissionSetArn=${encodeURIComponent(top?.permissionSetArn ?? "")}`;
    const rows = await get(`/api/connections/${conn}/access?${q}&limit=500`, accessListResponse);
    expect(rows.items).toHaveLength(top?.users ?? -1);
    const page = await get(`/api/connections/${conn}/access?limit=2`, accessListResponse);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
  });
});

describe("changes and history", () => {
  it("records changes of a second sync, filterable by kind, user and time", async () => {
    const victim = world.sandbox.world.users.find((u) => u.UserStatus !== "DISABLED");
    world.timer.advance(60_000);
    const before = new Date(world.timer.now()).toISOString();
    applyMutations(world.sandbox.world, [
      { op: "setUserStatus", userId: victim?.UserId ?? "", status: "DISABLED" },
    ]);
    const done = settled(world, conn);
    const started = await call(world, "POST", `/api/connections/${conn}/sync`, { body: {} });
    expect(started.status).toBe(202);
    expect(await done).toBeUndefined();

    // The whole history fits a page: findings opened by this sync (the inactivity ones, now
    // that the 90 days of sign-ins are read) are changes too.
    const all = await get(`/api/changes?connectionId=${conn}&limit=500`, changeListResponse);
    const disabled = all.items.filter((c) => c.kind === "user.disabled");
    expect(disabled.map((c) => c.userId)).toEqual([victim?.UserId]);
    const byKind = await get("/api/changes?kind=user.disabled,user.enabled", changeListResponse);
    expect(byKind.items.map((c) => c.userId)).toEqual([victim?.UserId]);
    const byUser = await get(`/api/changes?userId=${victim?.UserId ?? ""}`, changeListResponse);
    expect(byUser.items.length).toBeGreaterThan(0);
    const later = await get(
      `/api/changes?since=${encodeURIComponent(new Date(world.timer.now() + 60_000).toISOString())}`,
      changeListResponse,
    );
    expect(later.items).toEqual([]);
    const since = await get(
      `/api/changes?since=${encodeURIComponent(before)}&kind=user.disabled`,
      changeListResponse,
    );
    expect(since.items).toHaveLength(1);

    const runs = await get(`/api/connections/${conn}/runs`, syncRunListResponse);
    expect(runs.items.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
    expect(runs.items[0]?.counts?.changes).toBeGreaterThan(0);
  });

  it("exports the connection in the export format", async () => {
    const res = await call(world, "GET", `/api/connections/${conn}/export`);
    expect(res.status).toBe(200);
    const body = res.body as { formatVersion: number; users: unknown[] };
    expect(body.formatVersion).toBe(1);
    expect(body.users).toHaveLength(40);
  });
});

describe("OpenAPI", () => {
  it("documents every route of the contract, without a token", async () => {
    const res = await call(world, "GET", "/api/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe("3.1.0");
    for (const route of Object.values(routes)) {
      const path = route.path.replace(/:([A-Za-z]+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "Connection", "UserListItem"]),
    );
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });
});
