// Issue 16 through the API, on SQLite and PostgreSQL: subscriptions (bad input answered 400
// naming the field), the secret shown once, "Send test", a sync's event to a local receiver on
// 127.0.0.1 (allowed by IDC_SYNC_WEBHOOK_ALLOWLIST), the delivery log, redeliver, rotate, other
// organizations kept out, and every change to a subscription in the audit log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNATURE_HEADER, verifySignature } from "../../src/domain/notifications/signature.js";
import type { NotificationEvent } from "../../src/domain/notifications/types.js";
import {
  auditListResponse,
  deliveryListResponse,
  deliveryResponse,
  subscriptionListResponse,
  subscriptionWithSecretResponse,
} from "../../src/http/api-contract.js";
import { addUser } from "../../src/sandbox/mutate.js";
import { Receiver } from "../integration/notify-receiver.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, settled, type World } from "./harness.js";

const BASE = "/api/notifications/subscriptions";

describe.each(DIALECTS)("notifications API [%s]", (dialect) => {
  let world: World;
  let receiver: Receiver;
  let url: string;
  beforeAll(async () => {
    world = await startDialectWorld(
      dialect,
      { users: 5, groups: 2, accounts: 1 },
      {
        IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
        IDC_SYNC_WEBHOOK_ALLOWLIST: "127.0.0.1:*",
        IDC_SYNC_NOTIFY_POLL_SECONDS: "0.2",
      },
    );
    receiver = new Receiver();
    url = await receiver.start();
  });
  afterAll(async () => {
    await world.close();
    await receiver.close();
  });

  const fieldOf = (body: unknown) =>
    (body as { error: { field?: string; code: string; message: string } }).error;

  it("answers bad input with 400 naming the field, and refuses read tokens", async () => {
    const cases: [unknown, string][] = [
      [{ name: "x", kind: "email", url }, "kind"],
      [{ name: "", kind: "webhook", url }, "name"],
      [{ name: "x", kind: "webhook", url: "http://10.0.0.1/hook" }, "url"],
      [{ name: "x", kind: "webhook", url: "https://localhost/hook" }, "url"],
      [{ name: "x", kind: "webhook", url: "not a url" }, "url"],
      [{ name: "x", kind: "slack", url: "https://example.com/services/x" }, "url"],
      [
        { name: "x", kind: "webhook", url, filter: { changeKinds: ["user.exploded"] } },
        "filter.changeKinds.0",
      ],
      [{ name: "x", kind: "webhook", url, filter: { minSeverity: "urgent" } }, "filter.minSeverity"],
      [{ name: "x", kind: "webhook", url, filter: { connectionIds: ["nope"] } }, "filter.connectionIds.0"],
      [{ name: "x", kind: "webhook", url, extra: 1 }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await call(world, "POST", BASE, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field !== "") expect(fieldOf(res.body).field, JSON.stringify(body)).toBe(field);
    }
    const { token: read } = await world.store.createToken(world.orgA, {
      name: "reader",
      scope: "read",
      expiresAt: null,
    });
    expect((await call(world, "GET", BASE, { token: read })).status).toBe(403);
    expect(
      (await call(world, "POST", BASE, { token: read, body: { name: "x", kind: "webhook", url } })).status,
    ).toBe(403);
  });

  it("subscribes, tests, delivers a sync's changes signed, logs, redelivers, rotates and removes", async () => {
    const conn = await connectAndSync(world, world.tokenA, "Notified");
    const created = await call(world, "POST", BASE, {
      body: { name: "ops hook", kind: "webhook", url, filter: { connectionIds: [conn] } },
    });
    expect(created.status).toBe(201);
    const { subscription, secret } = subscriptionWithSecretResponse.parse(created.body);
    const listed = subscriptionListResponse.parse((await call(world, "GET", BASE)).body);
    expect(listed.items.map((s) => s.id)).toContain(subscription.id);
    expect(JSON.stringify(listed)).not.toContain(secret);

    const now = () => Math.floor(Date.now() / 1000);
    const verified = (i: number, key: string) => {
      const r = receiver.requests[i];
      return (
        r !== undefined &&
        verifySignature(key, r.body, String(r.headers[SIGNATURE_HEADER.toLowerCase()]), now())
      );
    };
    const tested = deliveryResponse.parse(
      (await call(world, "POST", `${BASE}/${subscription.id}/test`)).body,
    );
    await receiver.waitFor((rs) => rs.length === 1);
    expect((JSON.parse(receiver.requests[0]?.body ?? "{}") as NotificationEvent).id).toBe(tested.delivery.id);
    expect(verified(0, secret)).toBe(true);

    addUser(world.sandbox.world, { UserName: "new.person@example.com" });
    const done = settled(world, conn);
    await call(world, "POST", `/api/connections/${conn}/sync`, { body: { force: true } });
    world.timer.advance(0);
    await done;
    await receiver.waitFor((rs) => rs.length === 2);
    const event = JSON.parse(receiver.requests[1]?.body ?? "{}") as NotificationEvent;
    expect(event).toMatchObject({ type: "sync.changes", connection: { id: conn, name: "Notified" } });
    expect(JSON.stringify(event.data)).toContain("new.person@example.com");
    expect(verified(1, secret)).toBe(true);

    const log = async () =>
      deliveryListResponse.parse((await call(world, "GET", `${BASE}/${subscription.id}/deliveries`)).body)
        .items;
    await expect.poll(async () => (await log()).map((d) => d.status)).toEqual(["delivered", "delivered"]);
    expect((await log())[0]).toMatchObject({ id: event.id, attempts: 1, lastStatusCode: 204 });

    const rotated = subscriptionWithSecretResponse.parse(
      (await call(world, "POST", `${BASE}/${subscription.id}/rotate-secret`)).body,
    );
    expect(rotated.secret).not.toBe(secret);
    const again = await call(world, "POST", `/api/notifications/deliveries/${event.id}/redeliver`);
    expect(again.status).toBe(202);
    await receiver.waitFor((rs) => rs.length === 3);
    expect((JSON.parse(receiver.requests[2]?.body ?? "{}") as NotificationEvent).id).toBe(event.id);
    expect(verified(2, rotated.secret)).toBe(true);
    expect(verified(2, secret)).toBe(false);

    // Organization B sees none of it.
    expect(
      (await call(world, "GET", `${BASE}/${subscription.id}/deliveries`, { token: world.tokenB })).status,
    ).toBe(404);
    expect((await call(world, "DELETE", `${BASE}/${subscription.id}`, { token: world.tokenB })).status).toBe(
      404,
    );
    expect(
      (
        await call(world, "POST", `/api/notifications/deliveries/${event.id}/redeliver`, {
          token: world.tokenB,
        })
      ).status,
    ).toBe(404);
    expect(
      subscriptionListResponse.parse((await call(world, "GET", BASE, { token: world.tokenB })).body).items,
    ).toEqual([]);

    expect((await call(world, "DELETE", `${BASE}/${subscription.id}`)).status).toBe(204);
    const audit = auditListResponse.parse((await call(world, "GET", "/api/audit?limit=50")).body).items;
    const actions = audit.filter((e) => e.target === subscription.id).map((e) => e.action);
    // The test's clock stands still: entries share a time, so their order is not asserted.
    expect(actions.sort()).toEqual([
      "notification.redelivered",
      "notification.secret_rotated",
      "notification.subscription_created",
      "notification.subscription_deleted",
      "notification.test_sent",
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain(url);
  });
});
