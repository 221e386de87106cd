// Issue 13, build item 2: the audit log records sign-ins, failed sign-ins, token changes,
// connections created, edited and deleted, syncs requested, findings accepted and exports, each
// with who (token or session), when, from where and what; read per organization through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditListResponse, createdTokenResponse } from "../../src/http/api-contract.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, settled, type World } from "./harness.js";

describe.each(DIALECTS)("audit log [%s]", (dialect) => {
  let world: World;
  beforeAll(async () => {
    world = await startDialectWorld(dialect, { users: 5, groups: 2, accounts: 1 });
  });
  afterAll(async () => {
    await world.close();
  });

  it("records what was done, by whom, from where, and shows it to the organization only", async () => {
    const conn = await connectAndSync(world, world.tokenA, "Audited");
    const signIn = await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: world.tokenA },
      remoteAddress: "10.7.7.7",
    });
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0] ?? "";
    await world.app.server.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: "idcs_wrong-token-for-the-audit-test" },
      remoteAddress: "10.6.6.6",
    });
    const patched = await world.app.server.inject({
      method: "PATCH",
      url: `/api/connections/${conn}`,
      payload: { name: "Audited again" },
      headers: { cookie, "sec-fetch-site": "same-origin" },
    });
    expect(patched.statusCode).toBe(200);
    const created = createdTokenResponse.parse(
      (await call(world, "POST", "/api/tokens", { body: { name: "audited", scope: "read" } })).body,
    );
    await call(world, "DELETE", `/api/tokens/${created.info.id}`);
    const done = settled(world, conn);
    expect(
      (await call(world, "POST", `/api/connections/${conn}/sync`, { body: { force: true } })).status,
    ).toBeLessThan(300);
    world.timer.advance(0);
    await done;
    const finding = (
      (await call(world, "GET", `/api/connections/${conn}/findings`)).body as { items: { id: string }[] }
    ).items[0];
    await call(world, "POST", `/api/connections/${conn}/findings/${finding?.id ?? ""}/accept`, {
      body: { reason: "known", acceptedBy: "auditor" },
    });
    expect((await call(world, "GET", `/api/connections/${conn}/export`)).status).toBe(200);
    expect((await call(world, "DELETE", `/api/connections/${conn}`)).status).toBe(204);

    const log = auditListResponse.parse((await call(world, "GET", "/api/audit?limit=100")).body);
    const actions = log.items.map((e) => e.action);
    for (const a of [
      "connection.created",
      "session.signed_in",
      "connection.updated",
      "token.created",
      "token.revoked",
      "sync.requested",
      "finding.accepted",
      "export.downloaded",
      "connection.deleted",
    ])
      expect(actions, a).toContain(a);
    const byAction = (a: string) => log.items.find((e) => e.action === a);
    expect(byAction("session.signed_in")?.source).toBe("10.7.7.7");
    expect(byAction("connection.updated")).toMatchObject({
      target: conn,
      actor: { via: "session" },
      details: { fields: ["name"] },
    });
    expect(byAction("connection.updated")?.actor.sessionId).not.toBeNull();
    expect(byAction("token.revoked")).toMatchObject({ target: created.info.id, actor: { via: "token" } });
    expect(byAction("sync.requested")?.details).toMatchObject({ force: true });
    // Newest first, times in order.
    const times = log.items.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    // Nothing secret: neither token appears.
    expect(JSON.stringify(log)).not.toContain(world.tokenA);
    expect(JSON.stringify(log)).not.toContain(created.token);

    // The failed sign-in names no organization: kept apart, not in any organization's log.
    expect(actions).not.toContain("session.sign_in_failed");
    const failed = await world.store.listAudit(null, { action: "session.sign_in_failed" });
    expect(failed.items.map((e) => e.source)).toContain("10.6.6.6");
    expect(JSON.stringify(failed)).not.toContain("wrong-token");

    const b = auditListResponse.parse((await call(world, "GET", "/api/audit", { token: world.tokenB })).body);
    expect(b.items.map((e) => e.target)).not.toContain(conn);
  });

  it("is for admin tokens only", async () => {
    const read = createdTokenResponse.parse(
      (await call(world, "POST", "/api/tokens", { body: { name: "reader", scope: "read" } })).body,
    );
    expect((await call(world, "GET", "/api/audit", { token: read.token })).status).toBe(403);
  });
});
