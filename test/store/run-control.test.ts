// Conformance: a running sync's stored progress and cancel request (migration 0008), seen from
// another process's store; both end with the run.
import { expect, it } from "vitest";
import { connectionValues } from "./fixtures.js";
import { describeEachDialect } from "./harness.js";

describeEachDialect("store: run progress and cancel", (h) => {
  it("stores a running sync's progress and a cancel request for any process to see, until the run ends", async () => {
    const worker = await h.open();
    const web = await h.open();
    const org = await worker.createOrganization("Control");
    const other = await worker.createOrganization("Other");
    const conn = await worker.createConnection(org.id, { values: connectionValues() });
    expect(await web.requestSyncCancel(org.id, conn.id)).toBe(false);

    const run = await worker.claimSyncRun(org.id, conn.id, { leaseMs: 60_000 });
    expect(await web.getRunProgress(org.id, run.id)).toBeNull();
    await worker.setRunProgress(run.id, { phase: "users", done: 1200 });
    expect(await web.getRunProgress(org.id, run.id)).toEqual({ phase: "users", done: 1200 });
    // Another organization sees nothing and cancels nothing.
    expect(await web.getRunProgress(other.id, run.id)).toBeNull();
    expect(await web.requestSyncCancel(other.id, conn.id)).toBe(false);
    expect(await worker.isSyncCancelRequested(run.id)).toBe(false);

    expect(await web.requestSyncCancel(org.id, conn.id)).toBe(true);
    expect(await worker.isSyncCancelRequested(run.id)).toBe(true);

    await worker.finishSyncRun(run.id, {
      state: "failed",
      at: new Date().toISOString(),
      error: { code: "cancelled", message: "cancelled", action: null },
    });
    expect(await web.getRunProgress(org.id, run.id)).toBeNull();
    await worker.setRunProgress(run.id, { phase: "groups", done: 1 });
    expect(await web.getRunProgress(org.id, run.id)).toBeNull();
    expect(await web.requestSyncCancel(org.id, conn.id)).toBe(false);
  });
});
