// Issue 13, L1 (request side) and L2: a NUL or other control character in any path, query or body
// field, and a crafted cursor, are a 400 naming the field on both databases (PostgreSQL answered
// 500 for NUL and for a cursor with a non-integer id, SQLite's FTS5 500 for `q=a%00b`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../src/http/api-contract.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, type World } from "./harness.js";

const cursorOf = (value: unknown[]): string => Buffer.from(JSON.stringify(value)).toString("base64url");

describe.each(DIALECTS)("request input [%s]", (dialect) => {
  let world: World;
  let conn: string;
  beforeAll(async () => {
    world = await startDialectWorld(dialect, { users: 12, groups: 3, accounts: 2 });
    conn = await connectAndSync(world, world.tokenA, "A");
  });
  afterAll(async () => {
    await world.close();
  });

  const expect400 = async (
    method: "GET" | "POST" | "PATCH",
    url: string,
    field: string,
    body?: unknown,
  ): Promise<void> => {
    const res = await call(world, method, url, body === undefined ? {} : { body });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const error = errorBodySchema.parse(res.body).error;
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  };

  it("a NUL in a search (FTS5 on SQLite, text on PostgreSQL) is a 400 naming q", async () => {
    await expect400("GET", `/api/users?connectionId=${conn}&q=a%00b`, "q");
    await expect400("GET", `/api/users?q=abc%00def`, "q");
    await expect400("GET", `/api/connections/${conn}/groups?q=%00`, "q");
  });

  it("a control character in a path parameter is a 400 naming it", async () => {
    await expect400("GET", `/api/connections/${conn}/users/a%00b`, "userId");
    await expect400("GET", `/api/connections/x%01y`, "connectionId");
    await expect400("GET", `/api/connections/${conn}/groups/g%1Fh/members`, "groupId");
  });

  it("a control character in any query field is a 400 naming it", async () => {
    await expect400("GET", `/api/changes?userId=u%00`, "userId");
    await expect400("GET", `/api/changes?accountId=%07`, "accountId");
    await expect400("GET", `/api/users?licenseType=a%0Ab`, "licenseType");
  });

  it("a NUL in a body field, or in a field's name, is a 400 naming it", async () => {
    await expect400("PATCH", `/api/connections/${conn}`, "name", { name: "x\u0000y" });
    await expect400("POST", `/api/session`, "token", { token: "abc\u0000" });
    await expect400("POST", `/api/connections/${conn}/findings/f1/accept`, "reason", {
      reason: "ok\u0000",
      acceptedBy: "me",
    });
    await expect400("PATCH", `/api/connections/${conn}`, "body", { ["na\u0000me"]: "x" });
  });

  it("a crafted cursor (text for an integer id, NUL, NaN, huge numbers) is a 400 naming cursor", async () => {
    const crafted = [
      cursorOf(["changes:desc", "abc"]),
      cursorOf(["changes:desc", 1.5]),
      cursorOf(["changes:desc", 1e300]),
      cursorOf(["changes:desc", "1\u0000"]),
      cursorOf(["changes:asc", "x"]),
      "not-base64-at-all!!",
    ];
    for (const c of crafted) {
      await expect400("GET", `/api/changes?connectionId=${conn}&cursor=${encodeURIComponent(c)}`, "cursor");
    }
    await expect400(
      "GET",
      `/api/users?connectionId=${conn}&cursor=${cursorOf(["users:userName:asc", "a\u0000"])}`,
      "cursor",
    );
    await expect400(
      "GET",
      `/api/connections/${conn}/runs?cursor=${cursorOf(["runs", "2026-01-01", "x\u0000"])}`,
      "cursor",
    );
  });

  it("text with tabs and newlines is still accepted where a body takes free text", async () => {
    const res = await call(world, "PATCH", `/api/connections/${conn}`, { body: { name: "A\tB" } });
    expect(res.status).toBeLessThan(500);
  });
});
