// Issue 16 on PostgreSQL: the deliverer as pg-boss jobs (queue idc-sync-notify). A process that
// only enqueues (a web process with --no-worker) asks for a drain; a worker process's job
// delivers the event to a local receiver (every queue process also asks for a drain when it
// starts and each poll interval). Skipped without TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { parseEndpointAllowlist } from "../../src/domain/endpoint-allowlist.js";
import { EMPTY_FILTER } from "../../src/domain/notifications/filter.js";
import type { NotificationDispatch } from "../../src/notify/delivery-loop.js";
import { JobQueue } from "../../src/scheduler/job-queue.js";
import { startNotificationDispatch } from "../../src/scheduler/notify-dispatch.js";
import { openStore } from "../../src/store/open-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { Receiver } from "./notify-receiver.js";

const PG_URL = process.env["TEST_DATABASE_URL"];
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(PG_URL === undefined)("notifications as pg-boss jobs [postgres]", () => {
  const suffix = randomBytes(5).toString("hex");
  const schema = `notify_store_${suffix}`;
  const queueSchema = `notify_queue_${suffix}`;
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`drop schema if exists "${schema}" cascade`);
    await client.query(`drop schema if exists "${queueSchema}" cascade`);
    await client.end();
  });

  it("delivers an event through a worker's drain job, processes without a worker only asking for drains", async () => {
    const url = PG_URL as string;
    const store: KyselyStore = await openStore({ databaseUrl: url, schema, maxConnections: 4 });
    closers.push(() => store.close());
    const receiver = new Receiver();
    const hook = await receiver.start();
    closers.push(() => receiver.close());
    const settings = {
      baseUrl: "http://localhost:8080",
      allowlist: parseEndpointAllowlist("127.0.0.1:*"),
      timeoutMs: 1_000,
      pollMs: 500,
      retryBaseMs: 50,
    };
    const queueConfig = { ...parseConfig({}).queue, schema: queueSchema, pollSeconds: 0.5 };
    const open = async (worker: boolean): Promise<NotificationDispatch> => {
      const queue = await JobQueue.open({ connectionString: url, config: queueConfig });
      const dispatch = await startNotificationDispatch({
        store,
        settings,
        log: quiet,
        boss: queue.boss,
        worker,
      });
      closers.push(async () => {
        await dispatch.close();
        await queue.stop({ graceful: false });
      });
      return dispatch;
    };
    const web = await open(false);
    const orgId = (await store.createOrganization("Queued")).id;
    const { subscription } = await store.createSubscription(orgId, {
      name: "q",
      kind: "webhook",
      url: hook,
      filter: EMPTY_FILTER,
    });
    const test = await store.enqueueTestEvent(orgId, subscription.id);
    web.kick();
    await open(true);
    await receiver.waitFor((rs) => rs.some((r) => r.answered === 204));
    expect(receiver.requests[0]?.headers["idc-sync-event-id"]).toBe(test.id);
    await expect
      .poll(async () => (await store.listDeliveries(orgId, subscription.id)).items[0]?.status, {
        timeout: 10_000,
      })
      .toBe("delivered");
  });
});
