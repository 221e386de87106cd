// Issue 13, M3: a connection's own endpoint URL is confined to the operator's allowlist
// (IDC_SYNC_ENDPOINT_ALLOWLIST, here 127.0.0.1:*). Outside it nothing is sent, the refusal reads
// the same whether the port is open or closed, and a stored endpoint is checked again before
// every sync and every check (the demo's own sandbox is exempt: test/api/start.test.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionSchema, errorBodySchema } from "../../src/http/api-contract.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { DIALECTS, startDialectWorld } from "./dialects.js";
import { call, connectAndSync, connectBody, sandboxValues, settled, type World } from "./harness.js";

describe.each(DIALECTS)("endpoint allowlist [%s]", (dialect) => {
  let world: World;
  let listener: Server;
  let hits = 0;
  let open: string;
  let closed: string;
  beforeAll(async () => {
    world = await startDialectWorld(dialect, { users: 5, groups: 2, accounts: 1 });
    // An open port outside the allowlist (127.0.0.2), counting anything that reaches it.
    listener = createServer((_req, res) => {
      hits++;
      res.end("{}");
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.2", resolve));
    const port = (listener.address() as AddressInfo).port;
    open = `http://127.0.0.2:${port}`;
    closed = `http://127.0.0.2:${port === 65535 ? port - 1 : port + 1}`;
  });
  afterAll(async () => {
    await world.close();
    await new Promise((resolve) => listener.close(resolve));
  });

  it("refuses a new endpoint outside the allowlist, sending nothing, the same for an open and a closed port", async () => {
    const bodies: string[] = [];
    for (const endpointUrl of [open, closed]) {
      for (const path of ["/api/connections", "/api/connections/check"]) {
        const res = await call(world, "POST", path, {
          body: { ...sandboxValues(world.sandbox), endpointUrl },
        });
        expect(res.status, path).toBe(400);
        const error = errorBodySchema.parse(res.body).error;
        expect(error.field).toBe("endpointUrl");
        expect(error.message).toContain("IDC_SYNC_ENDPOINT_ALLOWLIST");
        bodies.push(error.message.replace(endpointUrl.replace("http://", ""), "ADDRESS"));
      }
    }
    expect(hits).toBe(0);
    // Open or closed, create or check: one answer, the address aside.
    expect(new Set(bodies).size).toBe(1);
    expect((await call(world, "GET", "/api/connections")).body).toMatchObject({ items: [] });
  });

  it("accepts an endpoint inside it (the sandbox at 127.0.0.1)", async () => {
    const res = await call(world, "POST", "/api/connections/check", { body: connectBody(world.sandbox) });
    expect(res.status).toBe(200);
  });

  it("checks a stored endpoint again before every sync and check: outside the allowlist, nothing is sent", async () => {
    const conn = await connectAndSync(world, world.tokenA, "Stored");
    // As if stored before the allowlist (or the allowlist narrowed since): straight in the store.
    await (world.store as KyselyStore).db
      .updateTable("connections")
      .set({ endpoint_url: open })
      .where("id", "=", conn)
      .execute();
    const done = settled(world, conn);
    const sync = await call(world, "POST", `/api/connections/${conn}/sync`, { body: {} });
    expect(sync.status).toBeLessThan(300);
    world.timer.advance(0);
    await done;
    const after = connectionSchema.parse((await call(world, "GET", `/api/connections/${conn}`)).body);
    expect(after.lastRunState).toBe("failed");
    expect(after.lastError?.code).toBe("endpoint_not_allowed");
    expect(after.lastError?.message).toContain("nothing was sent");

    const check = await call(world, "POST", `/api/connections/${conn}/check`);
    expect(check.status).toBe(422);
    expect(errorBodySchema.parse(check.body).error.code).toBe("endpoint_not_allowed");
    expect(hits).toBe(0);
  });
});
