// A sync in its own worker thread (src/scheduler/sync-thread-runner.ts), on SQLite: it reads the
// sandbox through the real SDK and commits like an in-process sync; an abort records the run as
// aborted with nothing stored; a thread given too little heap dies alone with the named error,
// its run recorded as failed, while this process's event loop goes on.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.js";
import { IdcSyncError } from "../../src/domain/errors.js";
import { runSyncInThread, type SyncThreadOptions } from "../../src/scheduler/sync-thread-runner.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";
import { PLATFORM_ENV, setProcessEnv } from "../integration/cli-support.js";

let dir: string;
let store: KyselyStore;
let sandbox: Sandbox;
let orgId: string;
let connectionId: string;
let restoreEnv: () => void;

const options = (memoryMb = 256): SyncThreadOptions => ({
  config: {
    dataDir: dir,
    databaseUrl: undefined,
    leaseMs: undefined,
    app: parseConfig({ IDC_SYNC_DATA_DIR: dir, IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*" }),
  },
  memoryMb,
  store,
});

beforeAll(async () => {
  // The thread signs with the SDK's default chain: the process environment, as in production.
  restoreEnv = setProcessEnv({ ...PLATFORM_ENV, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" });
  dir = mkdtempSync(join(tmpdir(), "idc-sync-thread-"));
  store = await openStore({ dataDir: dir });
  const org = await store.createOrganization("Threads");
  orgId = org.id;
  sandbox = await startSandbox({
    generate: { users: 40, groups: 5, accounts: 3, permissionSets: 3, seed: 11 },
    trust: { externalId: org.externalId },
  });
  const v = sandbox.connectValues();
  connectionId = (
    await store.createConnection(orgId, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: v.instanceArn,
      },
      endpointUrl: v.endpoint,
    })
  ).id;
});

afterAll(async () => {
  await store.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
  restoreEnv();
});

describe("a sync in its own worker thread", () => {
  it("aborted before it commits: the run ends aborted and nothing is stored", async () => {
    const controller = new AbortController();
    const outcome = await runSyncInThread(
      options(),
      { organizationId: orgId, connectionId, force: false },
      {
        signal: controller.signal,
        onClaimed: () =>
          controller.abort(new IdcSyncError("aborted", "stopped by the test; nothing was changed")),
      },
    );
    expect(outcome.state).toBe("failed");
    expect(outcome.error?.code).toBe("aborted");
    const c = await store.getConnection(orgId, connectionId);
    expect(c.lastSyncedAt).toBeNull();
    expect((await store.getConnectionCounts(orgId, connectionId)).users).toBe(0);
  });

  it("reads and commits like an in-process sync, reporting its claim and progress", async () => {
    let claimed: string | null = null;
    const phases = new Set<string>();
    const outcome = await runSyncInThread(
      options(),
      { organizationId: orgId, connectionId, force: false },
      { onClaimed: (id) => (claimed = id), onProgress: (p) => phases.add(p.phase) },
    );
    expect(outcome.error).toBeNull();
    expect(outcome.state).toBe("succeeded");
    expect(claimed).toBe(outcome.runId);
    expect(phases.size).toBeGreaterThan(0);
    expect((await store.getConnectionCounts(orgId, connectionId)).users).toBe(40);
  });

  it("over its memory limit: fails alone with the named error, its run recorded, while this process goes on", async () => {
    // 32 MB holds a small sync (above) but not the read of 3,000 users.
    const big = await startSandbox({
      generate: { users: 3000, groups: 3, accounts: 2, permissionSets: 2, seed: 12 },
      trust: { externalId: (await store.getOrganization(orgId)).externalId },
    });
    let ticks = 0;
    const beat = setInterval(() => ticks++, 5);
    try {
      const v = big.connectValues();
      const bigId = (
        await store.createConnection(orgId, {
          values: {
            roleArn: v.roleArn,
            region: v.region,
            identityStoreId: v.identityStoreId,
            instanceArn: v.instanceArn,
          },
          endpointUrl: v.endpoint,
          name: "big",
        })
      ).id;
      const outcome = await runSyncInThread(options(32), {
        organizationId: orgId,
        connectionId: bigId,
        force: false,
      });
      expect(outcome.state).toBe("failed");
      expect(outcome.error?.code).toBe("sync_memory_limit");
      expect(outcome.error?.message).toBe(
        "sync exceeded its memory limit of 32 MB; raise IDC_SYNC_SYNC_MEMORY_MB",
      );
      expect(outcome.runId).not.toBeNull();
      const run = await store.getSyncRun(orgId, outcome.runId ?? "");
      expect(run.state).toBe("failed");
      expect(run.error?.message).toBe(outcome.error?.message);
      const after = await store.getConnection(orgId, bigId);
      expect(after.state).toBe("error");
      expect(after.lastSyncedAt).toBeNull();
      expect((await store.getConnectionCounts(orgId, bigId)).users).toBe(0);
    } finally {
      clearInterval(beat);
      await big.close();
    }
    // The event loop kept turning while the thread read and died.
    expect(ticks).toBeGreaterThan(100);
  });
});
