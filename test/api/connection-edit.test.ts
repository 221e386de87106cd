// Issue 17 defect 12: an admin edits a connection's Role ARN or Region without disconnecting (which
// deletes the history). The new values are checked like a new connection's before anything is
// saved: a role the customer has not set up is refused and the connection stays as it was; an
// accepted edit keeps the sync history and the next sync assumes the new role.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionSchema, connectRefusedSchema, syncRunListResponse } from "../../src/http/api-contract.js";
import { call, connectAndSync, settled, startWorld, type World } from "./harness.js";

let w: World;
let id: string;
let oldRole: string;

beforeAll(async () => {
  w = await startWorld({ users: 8, groups: 2, accounts: 2 });
  id = await connectAndSync(w, w.tokenA, "Main");
  oldRole = w.sandbox.trust.roleArn;
});

afterAll(async () => {
  await w?.close();
});

const newRole = () => oldRole.replace(/role\/.*$/, "role/IdcSyncReadOnlyV2");

async function connection() {
  const r = await call(w, "GET", `/api/connections/${id}`);
  return connectionSchema.parse(r.body);
}

describe("PATCH /api/connections/:id with a new Role ARN or Region", () => {
  it("refuses a role the checks cannot assume, saving nothing", async () => {
    const res = await call(w, "PATCH", `/api/connections/${id}`, {
      body: { roleArn: newRole(), name: "Renamed too" },
    });
    expect(res.status).toBe(422);
    const refused = connectRefusedSchema.parse(res.body);
    expect(refused.checks[0]).toMatchObject({ action: "sts:AssumeRole", ok: false });
    const after = await connection();
    expect(after.roleArn).toBe(oldRole);
    expect(after.name).toBe("Main");
  });

  it("refuses a malformed value naming the field", async () => {
    const res = await call(w, "PATCH", `/api/connections/${id}`, { body: { region: "mars" } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("region");
    expect((await connection()).region).toBe("us-east-1");
  });

  it("saves a role the checks accept, keeps the history, and syncs with the new role", async () => {
    // The customer made the new role in AWS (the sandbox now trusts only it).
    (w.sandbox.trust as { roleArn: string }).roleArn = newRole();
    const runsBefore = syncRunListResponse.parse((await call(w, "GET", `/api/connections/${id}/runs`)).body);
    expect(runsBefore.items).toHaveLength(1);

    const res = await call(w, "PATCH", `/api/connections/${id}`, { body: { roleArn: newRole() } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(connectionSchema.parse(res.body)).toMatchObject({ id, roleArn: newRole(), name: "Main" });

    const done = settled(w, id);
    expect((await call(w, "POST", `/api/connections/${id}/sync`)).status).toBe(202);
    expect(await done).toBeUndefined();
    const runs = syncRunListResponse.parse((await call(w, "GET", `/api/connections/${id}/runs`)).body);
    expect(runs.items.map((r) => r.state)).toEqual(["succeeded", "succeeded"]);
    const users = await call(w, "GET", `/api/users?connectionId=${id}`);
    expect((users.body as { counts: { total: number } }).counts.total).toBe(8);
    const assumed = w.sandbox.counters.snapshot().assumeRoleCalls.map((c) => c.roleArn);
    expect(assumed[assumed.length - 1]).toBe(newRole());
  });
});
