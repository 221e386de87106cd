// Conformance (issue 16): notification subscriptions and the outbox, on both databases. A sync's
// commit writes one event per matching subscription in its own transaction (a failed commit
// writes none); the deliverer's claim takes each subscription's oldest pending event only, once
// across stores; attempts retry, give up, or (410) disable; redelivery queues the same event again.
import { beforeEach, describe, expect, it } from "vitest";
import { NotFoundError } from "../../src/domain/errors.js";
import { EMPTY_FILTER } from "../../src/domain/notifications/filter.js";
import type { SubscriptionFilter, SyncChangesData } from "../../src/domain/notifications/types.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import {
  account,
  assign,
  group,
  member,
  permissionSet,
  range,
  readResult,
  user,
  connectionValues,
} from "./fixtures.js";
import type { World } from "./fixtures.js";
import { describeEachDialect, FakeClock } from "./harness.js";

const world = (): World => ({
  users: range(1, 4).map((n) => user(n)),
  groups: [group(1)],
  memberships: [member(1, 1), member(1, 2)],
  accounts: [account(1)],
  permissionSets: [permissionSet(1)],
  assignments: [assign(1, 1, { group: 1 })],
});

const filter = (over: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({ ...EMPTY_FILTER, ...over });

describeEachDialect("store: notifications", (h) => {
  let store: KyselyStore;
  let clock: FakeClock;
  let orgId: string;
  let connectionId: string;
  let w: World;
  let runner: SyncRunner;
  // The outbox is drained across organizations: each test has a database of its own.
  let database = "";
  let n = 0;

  beforeEach(async () => {
    clock = new FakeClock();
    database = `notify${"abcdefghij"[n++] ?? "z"}`;
    store = await h.open({ now: clock.now, database });
    orgId = (await store.createOrganization("Notify")).id;
    connectionId = (await store.createConnection(orgId, { values: connectionValues(), name: "Prod <&>" })).id;
    w = world();
    runner = new SyncRunner({ store, now: clock.now, read: () => Promise.resolve(readResult(w)) });
  });

  const sync = async (r = runner) => {
    clock.advance(60_000);
    return r.run(orgId, connectionId);
  };
  const add = (name: string, f: SubscriptionFilter = filter()) =>
    store.createSubscription(orgId, {
      name,
      kind: "webhook",
      url: "https://example.com/hook?token=x",
      filter: f,
    });

  describe("subscriptions", () => {
    it("creates, lists, rotates, disables and deletes per organization, the secret shown only then", async () => {
      const { subscription, secret } = await add("ops");
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      expect(subscription).toMatchObject({
        name: "ops",
        kind: "webhook",
        enabled: true,
        url: "https://example.com/hook?…",
      });
      expect(JSON.stringify(await store.listSubscriptions(orgId))).not.toContain(secret);
      const rotated = await store.rotateSubscriptionSecret(orgId, subscription.id);
      expect(rotated.secret).not.toBe(secret);
      const other = (await store.createOrganization("Other")).id;
      await expect(store.getSubscription(other, subscription.id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.deleteSubscription(other, subscription.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await store.listSubscriptions(other)).toEqual([]);
      expect((await store.setSubscriptionEnabled(orgId, subscription.id, false)).enabled).toBe(false);
      await store.deleteSubscription(orgId, subscription.id);
      expect(await store.listSubscriptions(orgId)).toEqual([]);
    });
  });

  describe("outbox", () => {
    it("writes one event per matching subscription with the sync's commit, changes as the API lists them", async () => {
      const all = (await add("all")).subscription;
      const highOnly = (
        await add("high findings", filter({ changeKinds: ["finding.opened"], minSeverity: "high" }))
      ).subscription;
      const users = (await add("users", filter({ changeKinds: ["user.added"] }))).subscription;
      const elsewhere = (await add("elsewhere", filter({ connectionIds: ["other"] }))).subscription;
      await sync(); // the baseline: no changes, no events
      expect(await store.claimDueDeliveries(10, 30_000)).toEqual([]);
      w.users.push(user(11));
      const run = await sync();
      const listed = await store.listChanges(orgId, { connectionId, syncRunId: run.id, order: "asc" });
      expect(listed.items.map((c) => c.kind)).toEqual(
        expect.arrayContaining(["user.added", "finding.opened"]),
      );

      const due = await store.claimDueDeliveries(10, 30_000);
      const bySub = new Map(due.map((d) => [d.delivery.subscriptionId, d]));
      expect([...bySub.keys()].sort()).toEqual([all.id, users.id].sort());
      expect(bySub.has(highOnly.id)).toBe(false);
      expect(bySub.has(elsewhere.id)).toBe(false);
      const event = bySub.get(all.id)?.event;
      expect(event).toMatchObject({
        type: "sync.changes",
        occurredAt: run.finishedAt,
        organizationId: orgId,
        connection: { id: connectionId, name: "Prod <&>" },
      });
      const data = event?.data as SyncChangesData;
      expect(data.changes).toEqual(listed.items);
      expect(data.summary.changes).toBe(listed.items.length);
      expect(data.truncated).toBe(false);
      const usersData = bySub.get(users.id)?.event.data as SyncChangesData;
      expect(usersData.changes.map((c) => c.kind)).toEqual(["user.added"]);
      expect(bySub.get(all.id)?.delivery).toMatchObject({
        status: "pending",
        attempts: 0,
        syncRunId: run.id,
      });
    });

    it("lists the first 100 changes of a large sync and counts the rest", async () => {
      await add("all", filter({ changeKinds: ["user.added"] }));
      await sync();
      w.users.push(...range(100, 260).map((n) => user(n)));
      await sync();
      const [due] = await store.claimDueDeliveries(10, 30_000);
      const data = due?.event.data as SyncChangesData;
      expect(data.summary.changes).toBe(161);
      expect(data.changes).toHaveLength(100);
      expect(data.truncated).toBe(true);
      expect(data.links.api).toContain(`syncRunId=`);
    });

    it("writes nothing when the commit fails, and nothing for a disabled subscription", async () => {
      const sub = (await add("all")).subscription;
      const off = (await add("off")).subscription;
      await store.setSubscriptionEnabled(orgId, off.id, false);
      await sync();
      const failing = await h.open({
        now: clock.now,
        database,
        hooks: {
          afterCommitBatch: (table) => {
            if (table === "changes") throw new Error("disk on fire");
          },
        },
      });
      w.users.push(user(12));
      const failed = await sync(
        new SyncRunner({ store: failing, now: clock.now, read: () => Promise.resolve(readResult(w)) }),
      );
      expect(failed.state).toBe("failed");
      expect((await store.listDeliveries(orgId, sub.id)).items).toEqual([]);
      await sync();
      expect((await store.listDeliveries(orgId, sub.id)).items).toHaveLength(1);
      expect((await store.listDeliveries(orgId, off.id)).items).toEqual([]);
    });
  });

  describe("delivery", () => {
    it("claims a subscription's oldest pending event only, once across stores, and records attempts", async () => {
      const sub = (await add("all")).subscription;
      await sync();
      w.users.push(user(11));
      await sync();
      w.users.push(user(12));
      await sync();
      const second = await h.open({ now: clock.now, database });
      const [first, ...more] = await store.claimDueDeliveries(10, 30_000);
      expect(more).toEqual([]);
      expect(await second.claimDueDeliveries(10, 30_000)).toEqual([]);
      if (first === undefined) throw new Error("nothing claimed");
      const retryAt = new Date(clock.now().getTime() + 5_000).toISOString();
      const retried = await store.recordDeliveryAttempt(
        first.delivery.id,
        { result: "retry", statusCode: 503, error: "503 Service Unavailable", retryAfterMs: null },
        retryAt,
      );
      expect(retried).toMatchObject({
        status: "pending",
        attempts: 1,
        lastStatusCode: 503,
        nextAttemptAt: retryAt,
      });
      // Not due yet, and the later event waits behind it (order per subscription).
      expect(await second.claimDueDeliveries(10, 30_000)).toEqual([]);
      expect(await store.nextDeliveryDueAt()).toBe(retryAt);
      clock.advance(5_000);
      const [again] = await second.claimDueDeliveries(10, 30_000);
      expect(again?.delivery.id).toBe(first.delivery.id);
      expect(again?.attempt).toBe(2);
      await second.recordDeliveryAttempt(first.delivery.id, { result: "delivered", statusCode: 204 }, null);
      const [next] = await store.claimDueDeliveries(10, 30_000);
      expect(next?.delivery.id).not.toBe(first.delivery.id);
      if (next === undefined) throw new Error("nothing claimed");
      const failed = await store.recordDeliveryAttempt(
        next.delivery.id,
        { result: "retry", statusCode: null, error: "connection refused", retryAfterMs: null },
        null,
      );
      expect(failed.status).toBe("failed");
      const log = await store.listDeliveries(orgId, sub.id);
      expect(log.items.map((d) => d.status)).toEqual(["failed", "delivered"]);
      const replay = await store.redeliver(orgId, next.delivery.id);
      expect(replay.status).toBe("pending");
      const [replayed] = await store.claimDueDeliveries(10, 30_000);
      expect(replayed?.delivery.id).toBe(next.delivery.id);
      await expect(
        store.redeliver((await store.createOrganization("X")).id, next.delivery.id),
      ).rejects.toBeInstanceOf(NotFoundError);
    });

    it("disables the subscription on 410 Gone; a test event is queued like any other", async () => {
      const sub = (await add("all")).subscription;
      const test = await store.enqueueTestEvent(orgId, sub.id);
      const [due] = await store.claimDueDeliveries(10, 30_000);
      expect(due?.event).toMatchObject({ id: test.id, type: "notification.test", organizationId: orgId });
      expect(due?.secret).toMatch(/^whsec_/);
      expect(due?.url).toBe("https://example.com/hook?token=x");
      await store.recordDeliveryAttempt(test.id, { result: "gone", statusCode: 410 }, null);
      const after = await store.getSubscription(orgId, sub.id);
      expect(after.enabled).toBe(false);
      expect(after.disabledReason).toContain("410");
      await store.enqueueTestEvent(orgId, sub.id);
      expect(await store.claimDueDeliveries(10, 30_000)).toEqual([]);
    });
  });
});
