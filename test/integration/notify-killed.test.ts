// Issue 16 acceptance, on SQLite and PostgreSQL: a SIGKILL between a sync's commit and the delivery of its event loses
// nothing. A child process commits a sync (the event is written in the commit's transaction) and
// starts delivering; the receiver holds the first request open, so the child is killed with the
// delivery in flight and unanswered. A second process (the restart) delivers the same event, once
// the dead one's claim ran out, and the receiver verifies it. Waits are on the receiver's requests
// and the child's output, not sleeps.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "../../src/domain/notifications/filter.js";
import { SIGNATURE_HEADER, verifySignature } from "../../src/domain/notifications/signature.js";
import type { NotificationEvent, SyncChangesData } from "../../src/domain/notifications/types.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";
import { connectionValues, readResult } from "../store/fixtures.js";
import { baseWorld } from "./notify-kill-world.js";
import { Receiver } from "./notify-receiver.js";

const CHILD = fileURLToPath(new URL("./notify-kill-child.ts", import.meta.url));

function startChild(args: string[]): {
  child: ChildProcess;
  line: (re: RegExp) => Promise<string>;
  exited: Promise<unknown>;
} {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: [RegExp, (l: string) => void][] = [];
  let err = "";
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  createInterface({ input: child.stdout }).on("line", (l) => {
    lines.push(l);
    for (const [re, resolve] of waiters) if (re.test(l)) resolve(l);
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return {
    child,
    exited,
    line: (re) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => re.test(l));
        if (seen !== undefined) return resolve(seen);
        waiters.push([re, resolve]);
        void exited.then(() => reject(new Error(`child exited before ${re}: ${err}`)));
      }),
  };
}

const PG_URL = process.env["TEST_DATABASE_URL"];
const DIALECTS = PG_URL === undefined ? (["sqlite"] as const) : (["sqlite", "postgres"] as const);

describe.each(DIALECTS)("notifications: a kill between commit and delivery [%s]", (dialect) => {
  let dir: string;
  let store: KyselyStore;
  let receiver: Receiver;
  let url: string;
  const schema = `notify_kill_${randomBytes(5).toString("hex")}`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "idc-sync-notify-kill-"));
    receiver = new Receiver();
    url = await receiver.start();
  });
  afterAll(async () => {
    await receiver.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (dialect === "postgres") {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    }
  });

  it("loses nothing: the restarted process delivers the committed event", async () => {
    const file = dialect === "postgres" ? `pg:${schema}` : `sqlite:${join(dir, "db.sqlite")}`;
    store =
      dialect === "postgres"
        ? await openStore({ databaseUrl: PG_URL ?? "", schema, maxConnections: 2 })
        : await openStore({ sqliteFile: join(dir, "db.sqlite") });
    const orgId = (await store.createOrganization("Killed")).id;
    const connectionId = (await store.createConnection(orgId, { values: connectionValues(), name: "Prod" }))
      .id;
    await new SyncRunner({ store, read: () => Promise.resolve(readResult(baseWorld())) }).run(
      orgId,
      connectionId,
    );
    const { subscription, secret } = await store.createSubscription(orgId, {
      name: "hook",
      kind: "webhook",
      url,
      filter: EMPTY_FILTER,
    });

    receiver.otherwise = "hang";
    const first = startChild(["sync", file, orgId, connectionId]);
    const committed = await first.line(/^committed /);
    expect(committed).toMatch(/succeeded$/);
    await receiver.waitFor((rs) => rs.length === 1);
    first.child.kill("SIGKILL");
    await first.exited;
    const inFlight = JSON.parse(receiver.requests[0]?.body ?? "{}") as NotificationEvent;
    const [pending] = (await store.listDeliveries(orgId, subscription.id)).items;
    expect(pending).toMatchObject({ id: inFlight.id, status: "pending", attempts: 0 });

    receiver.otherwise = 204;
    const restarted = startChild(["deliver", file, orgId, connectionId]);
    try {
      await receiver.waitFor((rs) => rs.some((r) => r.answered === 204));
      // The receiver answered; the child records that right after.
      await expect
        .poll(async () => (await store.listDeliveries(orgId, subscription.id)).items[0]?.status, {
          timeout: 10_000,
        })
        .toBe("delivered");
    } finally {
      restarted.child.kill("SIGKILL");
      await restarted.exited;
    }
    const delivered = receiver.requests.find((r) => r.answered === 204);
    const event = JSON.parse(delivered?.body ?? "{}") as NotificationEvent;
    expect(event.id).toBe(inFlight.id);
    expect((event.data as SyncChangesData).changes.map((c) => c.kind)).toContain("user.added");
    expect((event.data as SyncChangesData).syncRunId).toBe(committed.split(" ")[1]);
    const header = String(delivered?.headers[SIGNATURE_HEADER.toLowerCase()]);
    expect(verifySignature(secret, delivered?.body ?? "", header, Math.floor(Date.now() / 1000))).toBe(true);
    const [after] = (await store.listDeliveries(orgId, subscription.id)).items;
    expect(after).toMatchObject({ id: inFlight.id, status: "delivered", lastStatusCode: 204 });
  });
});
