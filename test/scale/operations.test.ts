// The operations routes on the single-process service (SQLite): liveness and readiness answer
// without a token; readiness reports the embedded scheduler as using no queue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startWorld, type World } from "../api/harness.js";

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(async () => {
  await world.close();
});

describe("operations routes", () => {
  it("GET /api/health answers 200 without a token", async () => {
    const res = await call(world, "GET", "/api/health", { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
  });

  it("GET /api/ready answers 200 when the database answers; no queue on SQLite", async () => {
    const res = await call(world, "GET", "/api/ready", { token: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ready", database: "ok", queue: "not_used" });
  });

  it("GET /api/ready answers 503 naming the database once it is gone", async () => {
    await world.store.close();
    const res = await call(world, "GET", "/api/ready", { token: null });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: "not_ready", database: "unreachable", queue: "not_used" });
  });
});
