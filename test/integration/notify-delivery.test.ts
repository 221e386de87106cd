// Issue 16 acceptance, in process: a sync's changes and findings reach a local receiver on
// 127.0.0.1 (allowed by an explicit allowlist) as signed events the receiver verifies; a receiver
// down for the first attempts still gets every event, in commit order, once it is back; a 410
// Gone disables the subscription. Retry timing is injected (milliseconds), and the tests wait on
// the receiver's requests, not on sleeps.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEndpointAllowlist } from "../../src/domain/endpoint-allowlist.js";
import { EMPTY_FILTER } from "../../src/domain/notifications/filter.js";
import { SIGNATURE_HEADER, verifySignature } from "../../src/domain/notifications/signature.js";
import type { NotificationEvent, SyncChangesData } from "../../src/domain/notifications/types.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { DeliveryLoop } from "../../src/notify/delivery-loop.js";
import { notificationDeliverer } from "../../src/scheduler/notify-dispatch.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";
import {
  account,
  assign,
  connectionValues,
  group,
  member,
  permissionSet,
  range,
  readResult,
  user,
} from "../store/fixtures.js";
import type { World } from "../store/fixtures.js";
import { Receiver, type Received } from "./notify-receiver.js";

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe("notifications: delivery to a local receiver", () => {
  let dir: string;
  let store: KyselyStore;
  let receiver: Receiver;
  let url: string;
  let loop: DeliveryLoop;
  let orgId: string;
  let connectionId: string;
  let world: World;
  let runner: SyncRunner;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "idc-sync-notify-"));
    store = await openStore({ sqliteFile: join(dir, "db.sqlite") });
    receiver = new Receiver();
    url = await receiver.start();
    const deliverer = notificationDeliverer(
      store,
      {
        baseUrl: "https://idc-sync.example.com",
        allowlist: parseEndpointAllowlist("127.0.0.1:*"),
        timeoutMs: 2_000,
        pollMs: 60_000,
        retryBaseMs: 20,
      },
      quiet,
      { random: () => 0.5 },
    );
    loop = new DeliveryLoop({ deliverer, store, pollMs: 60_000 }).start();
    orgId = (await store.createOrganization("Acme")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues(), name: "Prod" })).id;
    world = {
      users: range(1, 4).map((n) => user(n)),
      groups: [group(1)],
      memberships: [member(1, 1)],
      accounts: [account(1)],
      permissionSets: [permissionSet(1)],
      assignments: [assign(1, 1, { group: 1 })],
    };
    runner = new SyncRunner({ store, read: () => Promise.resolve(readResult(world)) });
    await runner.run(orgId, connectionId); // the baseline: no changes, no events
  });

  afterEach(async () => {
    await loop.close();
    await receiver.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sync = async () => {
    const run = await runner.run(orgId, connectionId);
    loop.kick();
    return run;
  };
  const subscribe = (name = "all") =>
    store.createSubscription(orgId, { name, kind: "webhook", url, filter: EMPTY_FILTER });
  const events = (rs: Received[]) =>
    rs
      .filter((r) => r.answered >= 200 && r.answered < 300)
      .map((r) => JSON.parse(r.body) as NotificationEvent);

  it("delivers every change and finding of a sync, signed so the receiver verifies it", async () => {
    const { secret } = await subscribe();
    world.users.push(user(11), user(12, { status: "DISABLED" }));
    world.memberships = [...(world.memberships ?? []), member(1, 2)];
    const run = await sync();
    await receiver.waitFor((rs) => events(rs).length === 1);
    const [req] = receiver.requests;
    if (req === undefined) throw new Error("no request");
    const header = String(req.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(verifySignature(secret, req.body, header, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifySignature("whsec_wrong", req.body, header, Math.floor(Date.now() / 1000))).toBe(false);
    const event = JSON.parse(req.body) as NotificationEvent;
    expect(req.headers["idc-sync-event-id"]).toBe(event.id);
    const listed = await store.listChanges(orgId, { connectionId, syncRunId: run.id, order: "asc" });
    expect(listed.items.some((c) => c.kind === "finding.opened")).toBe(true);
    expect(event).toMatchObject({
      type: "sync.changes",
      organizationId: orgId,
      connection: { id: connectionId, name: "Prod" },
    });
    const data = event.data as SyncChangesData;
    expect(data.changes).toEqual(listed.items);
    expect(data.summary.changes).toBe(listed.items.length);
    expect(data.links.web).toBe(`https://idc-sync.example.com/changes?connection=${connectionId}`);
    await loop.close(); // the attempt's outcome is recorded before the round ends
    const [sub] = await store.listSubscriptions(orgId);
    const log = await store.listDeliveries(orgId, sub?.id ?? "");
    expect(log.items[0]).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
  });

  it("gets every event, in commit order, to a receiver down for the first attempts", async () => {
    await subscribe();
    receiver.script = ["drop", 503, { status: 503, headers: { "retry-after": "0" } }, 500];
    const runs = [];
    for (const n of [21, 22, 23]) {
      world.users.push(user(n));
      runs.push((await sync()).id);
    }
    await receiver.waitFor((rs) => events(rs).length === 3);
    const delivered = events(receiver.requests);
    expect(delivered.map((e) => (e.data as SyncChangesData).syncRunId)).toEqual(runs);
    // The failed attempts were all of the first event: the later ones waited behind it.
    const firstId = delivered[0]?.id;
    expect(receiver.requests.slice(0, 5).map((r) => (JSON.parse(r.body) as NotificationEvent).id)).toEqual(
      Array(5).fill(firstId),
    );
    await loop.close();
    const [sub] = await store.listSubscriptions(orgId);
    const log = await store.listDeliveries(orgId, sub?.id ?? "");
    expect(log.items.map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
      ["delivered", 5],
    ]);
  });

  it("disables the subscription when the receiver answers 410 Gone", async () => {
    const { subscription } = await subscribe();
    receiver.otherwise = 410;
    world.users.push(user(31));
    await sync();
    await receiver.waitFor((rs) => rs.length === 1);
    await loop.close(); // the attempt's outcome is recorded before the round ends
    const after = await store.getSubscription(orgId, subscription.id);
    expect(after.enabled).toBe(false);
    expect(after.disabledReason).toContain("410 Gone");
    world.users.push(user(32));
    await runner.run(orgId, connectionId);
    expect((await store.listDeliveries(orgId, subscription.id)).items.map((d) => d.status)).toEqual([
      "failed",
    ]);
  });
});
