// The sync runner end to end: the real connector reads the sandbox through the AWS SDK with the
// organization's external id, the runner commits to a real (SQLite) store, and changes made in the
// sandbox between syncs come back as exactly the expected change rows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { connectionExportSchema } from "../../src/domain/export-format.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { connectionReader } from "../../src/engine/sync-read.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import { deleteUser, renameUser, setUserStatus } from "../../src/sandbox/mutate.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";

const PLATFORM = { accessKeyId: "AKIASYNCRUNNERTEST01", secretAccessKey: "platform-secret" };

let dir: string;
let store: KyselyStore;
let sandbox: Sandbox;
let orgId: string;
let connectionId: string;
let runner: SyncRunner;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-runner-"));
  store = await openStore({ dataDir: dir });
  const org = await store.createOrganization("Integration");
  orgId = org.id;
  sandbox = await startSandbox({
    generate: { users: 300, groups: 25, accounts: 6, permissionSets: 5, seed: 7 },
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
  runner = new SyncRunner({
    store,
    read: connectionReader({
      read: (options) =>
        readIdentityCenter({
          ...options,
          platformCredentials: PLATFORM,
          budget: new RequestBudget({ enabled: false }),
        }),
    }),
  });
});

afterAll(async () => {
  await sandbox.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("sync runner against the sandbox", () => {
  it("records the first sync as the baseline of what AWS holds", async () => {
    const run = await runner.run(orgId, connectionId);
    expect(run.error).toBeNull();
    expect(run.state).toBe("succeeded");
    expect(run.counts).toMatchObject({ users: 300, changes: 0 });
    expect(run.callsByAction["identitystore:ListUsers"]).toBeGreaterThan(0);
    const exported = connectionExportSchema.parse(await store.exportConnection(orgId, connectionId));
    expect(exported.users.map((u) => u.userId).sort()).toEqual(
      sandbox.world.users.map((u) => u.UserId).sort(),
    );
    const disabled = sandbox.world.users.filter((u) => u.UserStatus === "DISABLED").map((u) => u.UserId);
    expect(
      exported.users
        .filter((u) => u.status === "DISABLED")
        .map((u) => u.userId)
        .sort(),
    ).toEqual(disabled.sort());
  });

  it("turns changes in AWS into exactly the expected user changes", async () => {
    const [a, b, c] = sandbox.world.users.filter((u) => u.UserStatus !== "DISABLED");
    setUserStatus(sandbox.world, a!.UserId, "DISABLED");
    renameUser(sandbox.world, b!.UserId, { displayName: "Renamed Person" });
    deleteUser(sandbox.world, c!.UserId);
    const run = await runner.run(orgId, connectionId);
    expect(run.state).toBe("succeeded");
    const changes = (await store.listChanges(orgId, { connectionId, syncRunId: run.id, limit: 1000 })).items;
    const userChanges = changes
      .filter((x) => x.kind.startsWith("user."))
      .map((x) => `${x.kind} ${x.userId}`)
      .sort();
    expect(userChanges).toEqual(
      [`user.disabled ${a!.UserId}`, `user.updated ${b!.UserId}`, `user.deleted ${c!.UserId}`].sort(),
    );
    // The deleted user's memberships and access ended with it; nobody else's did.
    const others = changes.filter(
      (x) => !x.kind.startsWith("user.") && !x.kind.startsWith("finding.") && x.userId !== c!.UserId,
    );
    expect(others).toEqual([]);
    const detail = await store.getUser(orgId, connectionId, c!.UserId);
    expect(detail).toMatchObject({ user: { status: "DELETED" }, groups: [], access: [] });
  });

  it("fails without changing anything when the role's trust refuses our external id", async () => {
    const other = await store.createOrganization("Impostor");
    const v = sandbox.connectValues();
    const conn = await store.createConnection(other.id, {
      values: {
        roleArn: v.roleArn,
        region: v.region,
        identityStoreId: v.identityStoreId,
        instanceArn: v.instanceArn,
      },
      endpointUrl: v.endpoint,
    });
    const run = await runner.run(other.id, conn.id);
    expect(run.state).toBe("failed");
    expect(run.error?.code).not.toBe("internal");
    expect((await store.exportConnection(other.id, conn.id)).users).toEqual([]);
    expect((await store.getConnection(other.id, conn.id)).state).toBe("error");
  });
});
