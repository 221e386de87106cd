// Logs carry requests and sync outcomes, never tokens, cookies or AWS credentials.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, connectAndSync, PLATFORM_CREDENTIALS, startWorld, type World } from "./harness.js";

let world: World;
const lines: string[] = [];

beforeAll(async () => {
  world = await startWorld(undefined, { level: "trace", stream: { write: (line) => lines.push(line) } });
});
afterAll(async () => {
  await world.close();
});

describe("logging", () => {
  it("redacts tokens and cookies, and never writes credentials", async () => {
    const conn = await connectAndSync(world, world.tokenA, "Logged");
    const signIn = await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: world.tokenA },
    });
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0] ?? "";
    await call(world, "GET", `/api/connections/${conn}`, { token: null, cookie });
    await call(world, "GET", "/api/users", { token: world.tokenB });
    await call(world, "GET", "/api/users", { token: "idcs_wrong-token-that-must-not-be-logged" });

    // Should a request's headers ever be logged, the configured redaction hides the secrets.
    world.app.server.log.info(
      { headers: { authorization: `Bearer ${world.tokenA}`, cookie: `idc_sync_session=${world.tokenA}` } },
      "headers",
    );
    const log = lines.join("");
    expect(log).toContain("[Redacted]");
    expect(log).toContain('"url":"/api/users"');
    expect(log).toContain("sync finished");
    for (const secret of [
      world.tokenA,
      world.tokenB,
      "idcs_wrong-token-that-must-not-be-logged",
      "idc-sync-demo-not-a-secret",
      (await PLATFORM_CREDENTIALS()).secretAccessKey,
    ]) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/"secretAccessKey"|"sessionToken"/i);
  });
});
