// Logs carry requests and sync outcomes, never tokens, cookies or AWS credentials.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionWithSecretResponse } from "../../src/http/api-contract.js";
import { Receiver } from "../integration/notify-receiver.js";
import { call, connectAndSync, PLATFORM_CREDENTIALS, startWorld, type World } from "./harness.js";

let world: World;
const lines: string[] = [];

beforeAll(async () => {
  world = await startWorld(
    undefined,
    { level: "trace", stream: { write: (line) => lines.push(line) } },
    { IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*", IDC_SYNC_WEBHOOK_ALLOWLIST: "127.0.0.1:*" },
  );
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

  it("logs notification deliveries without the destination URL or the signing secret", async () => {
    const receiver = new Receiver();
    const base = (await receiver.start()).replace(/\/hook$/, "");
    try {
      const slackUrl = `${base}/services/T0000/B0000/slack-secret-path`;
      const created = [];
      for (const [kind, url] of [
        ["slack", slackUrl],
        ["webhook", `${base}/hook?token=webhook-secret-query`],
      ] as const) {
        const res = await call(world, "POST", "/api/notifications/subscriptions", {
          body: { name: kind, kind, url },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        created.push(subscriptionWithSecretResponse.parse(res.body));
      }
      receiver.script = [500];
      for (const c of created)
        await call(world, "POST", `/api/notifications/subscriptions/${c.subscription.id}/test`);
      await receiver.waitFor((rs) => rs.filter((r) => r.answered === 204).length === 1 && rs.length >= 2);
      await world.app.notifications.close(); // the attempts' outcomes are recorded (and logged) by now
      const log = lines.join("");
      expect(log).toMatch(/notification (delivered|attempt failed)/);
      for (const secret of ["slack-secret-path", "webhook-secret-query", ...created.map((c) => c.secret)])
        expect(log).not.toContain(secret);
    } finally {
      await receiver.close();
    }
  });
});
