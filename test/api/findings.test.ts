// The findings API: per connection and across the organization, filtered, paged and counted, the
// accept route (reason and who, 4xx on bad input, 409 on a resolved finding), counts on the
// connection and the integration tile, tenancy, and the OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  connectionSchema,
  findingListResponse,
  findingSchema,
  integrationListResponse,
  type FindingListResponse,
} from "../../src/http/api-contract.js";
import { call, connectAndSync, startWorld, type World } from "./harness.js";

let world: World;
let conn: string;

beforeAll(async () => {
  world = await startWorld({ users: 60, groups: 6, accounts: 5, permissionSets: 6, seed: 3 });
  conn = await connectAndSync(world, world.tokenA, "Findings");
});
afterAll(async () => {
  await world.close();
});

async function list(url: string): Promise<FindingListResponse> {
  const res = await call(world, "GET", url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return findingListResponse.parse(res.body);
}

describe("findings API", () => {
  it("lists a connection's findings most severe first, with counts, in the issue's shape", async () => {
    const page = await list(`/api/connections/${conn}/findings?limit=500`);
    expect(page.items.length).toBeGreaterThan(5);
    const ranks = page.items.map((f) => ["high", "medium", "low"].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const total = page.counts.open.high + page.counts.open.medium + page.counts.open.low;
    expect(total).toBe(page.items.length);
    // The generated organization has an AdministratorAccess permission set assigned to people.
    expect(page.items.some((f) => f.rule === "access.admin")).toBe(true);
    expect(page.items.every((f) => f.status === "open")).toBe(true);
  });

  it("filters by rule, severity and user, and pages across the organization without repeats", async () => {
    const admins = await list(`/api/connections/${conn}/findings?rule=access.admin&limit=500`);
    expect(admins.items.every((f) => f.rule === "access.admin" && f.userId !== null)).toBe(true);
    const userId = admins.items[0]!.userId!;
    const forUser = await list(`/api/findings?connectionId=${conn}&userId=${userId}`);
    expect(forUser.items.length).toBeGreaterThan(0);
    expect(forUser.items.every((f) => f.userId === userId)).toBe(true);
    const lows = await list(`/api/findings?severity=low&limit=500`);
    expect(lows.items.every((f) => f.severity === "low")).toBe(true);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: FindingListResponse = await list(
        `/api/findings?status=all&limit=3${cursor === null ? "" : `&cursor=${cursor}`}`,
      );
      ids.push(...page.items.map((f) => f.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    const all = await list(`/api/findings?status=all&limit=500`);
    expect(ids).toEqual(all.items.map((f) => f.id));
  });

  it("refuses bad filters with a 400 naming the field", async () => {
    for (const [query, field] of [
      ["rule=user.admin", "rule"],
      ["severity=critical", "severity"],
      ["status=closed", "status"],
      ["limit=0", "limit"],
    ] as const) {
      const res = await call(world, "GET", `/api/connections/${conn}/findings?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: "validation_error", field: expect.stringContaining(field) as unknown },
      });
    }
  });

  it("accepts a finding with a reason and who decided; it leaves the open counts", async () => {
    const before = await list(`/api/connections/${conn}/findings?limit=500`);
    const target = before.items.find((f) => f.severity === "low")!;
    const url = `/api/connections/${conn}/findings/${target.id}/accept`;
    const missing = await call(world, "POST", url, { body: { reason: "  ", acceptedBy: "ana" } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: "validation_error", field: "reason" } });
    const res = await call(world, "POST", url, {
      body: { reason: "seat kept for the on-call rotation", acceptedBy: "ana@example.com" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const accepted = findingSchema.parse(res.body);
    expect(accepted).toMatchObject({
      id: target.id,
      status: "accepted",
      acceptance: { by: "ana@example.com", reason: "seat kept for the on-call rotation" },
    });
    const after = await list(`/api/connections/${conn}/findings?limit=500`);
    expect(after.counts.accepted).toBe(1);
    expect(after.counts.open.low).toBe(before.counts.open.low - 1);
    expect(after.items.map((f) => f.id)).not.toContain(target.id);
    const unknown = await call(world, "POST", `/api/connections/${conn}/findings/f-nope/accept`, {
      body: { reason: "x", acceptedBy: "y" },
    });
    expect(unknown.status).toBe(404);
  });

  it("shows open counts on the connection and the integration tile", async () => {
    const c = connectionSchema.parse((await call(world, "GET", `/api/connections/${conn}`)).body);
    const page = await list(`/api/connections/${conn}/findings?limit=1`);
    expect(c.findings).toEqual(page.counts);
    const tiles = integrationListResponse.parse((await call(world, "GET", "/api/integrations")).body);
    expect(tiles.items[0]?.findings).toEqual(page.counts);
  });

  it("keeps another organization's findings out of reach", async () => {
    const res = await call(world, "GET", `/api/connections/${conn}/findings`, { token: world.tokenB });
    expect(res.status).toBe(404);
    const b = await call(world, "GET", "/api/findings", { token: world.tokenB });
    expect(findingListResponse.parse(b.body).items).toEqual([]);
    const target = (await list(`/api/connections/${conn}/findings`)).items[0]!;
    const accept = await call(world, "POST", `/api/connections/${conn}/findings/${target.id}/accept`, {
      token: world.tokenB,
      body: { reason: "x", acceptedBy: "y" },
    });
    expect(accept.status).toBe(404);
  });

  it("describes the routes in the OpenAPI document", async () => {
    const doc = (await call(world, "GET", "/api/openapi.json", { token: null })).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths["/api/connections/{connectionId}/findings"] ?? {})).toContain("get");
    expect(Object.keys(doc.paths["/api/findings"] ?? {})).toContain("get");
    expect(
      Object.keys(doc.paths["/api/connections/{connectionId}/findings/{findingId}/accept"] ?? {}),
    ).toContain("post");
  });
});
