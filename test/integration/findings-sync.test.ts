// Findings end to end: a sandbox organization seeded with at least one case of every rule, synced
// through the real connector and AWS SDK into a real (SQLite) store. The first sync opens exactly
// the expected findings without history rows; accepting holds until the facts change; removing
// every cause through the sandbox's /_sandbox/mutate resolves them all as finding.resolved; and
// findings add no AWS call.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { isFindingChange } from "../../src/domain/findings/lifecycle.js";
import type { Finding } from "../../src/domain/findings/types.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { connectionReader } from "../../src/engine/sync-read.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { loadFixture, startSandbox, type Sandbox } from "../../src/sandbox/index.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { openStore } from "../../src/store/open-store.js";

const PLATFORM = { accessKeyId: "AKIAFINDINGSTEST0001", secretAccessKey: "platform-secret" };
const FIXTURE = join(import.meta.dirname, "../fixtures/sandbox/findings-org.json");
const ps = (x: string) => `arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-${x.repeat(16)}`;
const user = (n: number) => `1234567890-aaaaaaaa-0000-4000-8000-00000000000${n}`;
const group = (n: number) => `1234567890-cccccccc-0000-4000-8000-00000000100${n}`;
const GONE = "1234567890-aaaaaaaa-0000-4000-8000-0000000000ff";

/** rule -> subject id, for every finding the fixture should produce. */
const EXPECTED = [
  `permission_set.admin_equivalent ${ps("a")}`,
  `permission_set.admin_equivalent ${ps("e")}`,
  `access.admin ${user(1)}|111111111111|${ps("a")}`,
  `access.admin ${user(1)}|222222222222|${ps("a")}`,
  `access.admin ${user(4)}|111111111111|${ps("e")}`,
  `permission_set.iam_escalation ${ps("b")}`,
  `permission_set.iam_escalation ${ps("c")}`,
  `user.disabled_with_access ${user(2)}`,
  `assignment.orphaned 111111111111|${ps("c")}|USER|${GONE}`,
  `account.inactive_with_access 333333333333`,
  `assignment.direct_user 222222222222|${ps("a")}|USER|${user(1)}`,
  `assignment.direct_user 111111111111|${ps("e")}|USER|${user(4)}`,
  `user.no_access ${user(3)}`,
  `group.empty ${group(3)}`,
  `permission_set.unused ${ps("d")}`,
  `permission_set.long_session ${ps("b")}`,
].sort();

let dir: string;
let store: KyselyStore;
let sandbox: Sandbox;
let orgId: string;
let connectionId: string;
let runner: SyncRunner;
let withoutFindings: SyncRunner;

async function mutate(list: unknown[]): Promise<void> {
  const res = await fetch(`${sandbox.url}/_sandbox/mutate`, { method: "POST", body: JSON.stringify(list) });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function findings(status: "open" | "accepted" | "resolved" | "all" = "all"): Promise<Finding[]> {
  return (await store.listFindings(orgId, { connectionId, status, limit: 1000 })).items;
}

const key = (f: Finding) => `${f.rule} ${f.subject.id}`;

async function syncChanges(r = runner) {
  const run = await r.run(orgId, connectionId);
  expect(run.error).toBeNull();
  const changes = (await store.listChanges(orgId, { connectionId, syncRunId: run.id, limit: 1000 })).items;
  return changes.filter(isFindingChange);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-findings-"));
  store = await openStore({ dataDir: dir });
  const org = await store.createOrganization("Findings");
  orgId = org.id;
  // Sign-in activity is denied here, so the inactivity rules stay silent: they need CloudTrail's
  // history, and activity-sync.test.ts checks them against the sandbox's generated truth.
  sandbox = await startSandbox({
    world: loadFixture(FIXTURE),
    trust: { externalId: org.externalId },
    faults: { deniedActions: ["cloudtrail:LookupEvents"] },
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
  const read = connectionReader({
    read: (options) =>
      readIdentityCenter({
        ...options,
        platformCredentials: PLATFORM,
        budget: new RequestBudget({ enabled: false }),
      }),
  });
  runner = new SyncRunner({ store, read });
  withoutFindings = new SyncRunner({ store, read, findings: false });
});

afterAll(async () => {
  await sandbox.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("findings through a sync of the sandbox", () => {
  it("opens exactly the expected findings on the first sync, without history rows", async () => {
    expect(await syncChanges()).toEqual([]);
    const all = await findings();
    expect(all.map(key).sort()).toEqual(EXPECTED);
    expect(all.every((f) => f.status === "open" && f.resolvedAt === null)).toBe(true);
    const byKey = new Map(all.map((f) => [key(f), f]));
    expect(byKey.get(`permission_set.iam_escalation ${ps("c")}`)).toMatchObject({
      severity: "low",
      details: { verdict: "unknown", customerManagedPolicies: [{ name: "TeamS3Access", path: "/team/" }] },
    });
    expect(byKey.get(`permission_set.iam_escalation ${ps("b")}`)).toMatchObject({
      severity: "high",
      details: { verdict: "escalation", actions: ["iam:CreateRole", "iam:PassRole"] },
    });
    expect(byKey.get(`access.admin ${user(1)}|111111111111|${ps("a")}`)).toMatchObject({
      userId: user(1),
      accountId: "111111111111",
      permissionSetArn: ps("a"),
      details: { via: [{ type: "GROUP", groupId: group(1), groupName: "Admins" }] },
      message:
        "alice@example.com can act as administrator in Management through AdministratorAccess (group Admins)",
    });
    expect(byKey.get(`group.empty ${group(3)}`)?.details).toEqual({ assignments: 1 });
    const counts = (await store.listFindings(orgId, { connectionId })).counts;
    expect(counts.open).toEqual({ high: 7, medium: 2, low: 7 });
  });

  it("adds no AWS call: the same calls per action with and without findings", async () => {
    sandbox.counters.reset();
    await syncChanges(withoutFindings);
    const without = sandbox.counters.snapshot().byAction;
    sandbox.counters.reset();
    expect(await syncChanges()).toEqual([]);
    const withFindings = sandbox.counters.snapshot().byAction;
    expect(Object.keys(withFindings).length).toBeGreaterThan(5);
    expect(withFindings).toEqual(without);
  });

  it("keeps an accepted finding accepted until its facts change, then re-opens it", async () => {
    const target = (await findings()).find((f) => key(f) === `permission_set.iam_escalation ${ps("c")}`)!;
    const accepted = await store.acceptFinding(orgId, connectionId, target.id, {
      by: "sec@example.com",
      reason: "TeamS3Access only reads S3: reviewed in SEC-42",
    });
    expect(accepted).toMatchObject({ status: "accepted", acceptance: { by: "sec@example.com" } });
    expect(await syncChanges()).toEqual([]);
    expect((await store.getFindings(orgId, connectionId, [target.id]))[0]?.status).toBe("accepted");
    await mutate([
      {
        op: "updatePermissionSet",
        permissionSetArn: ps("c"),
        customerManagedPolicyReferences: [
          { Name: "TeamS3Access", Path: "/team/" },
          { Name: "TeamIamWriter", Path: "/team/" },
        ],
      },
    ]);
    const changes = await syncChanges();
    expect(changes.map((c) => [c.kind, c.detail.findingId, c.detail.reopened])).toEqual([
      ["finding.opened", target.id, true],
    ]);
    const after = (await store.getFindings(orgId, connectionId, [target.id]))[0]!;
    expect(after).toMatchObject({ status: "open", firstSeenAt: target.firstSeenAt });
  });

  it("resolves every finding once its cause is removed, recorded as finding.resolved", async () => {
    const before = await findings("open");
    await mutate([
      { op: "updatePermissionSet", permissionSetArn: ps("a"), managedPolicies: ["ReadOnlyAccess"] },
      { op: "updatePermissionSet", permissionSetArn: ps("e"), inlinePolicy: "" },
      { op: "updatePermissionSet", permissionSetArn: ps("b"), inlinePolicy: "", sessionDuration: "PT8H" },
      { op: "updatePermissionSet", permissionSetArn: ps("c"), customerManagedPolicyReferences: [] },
      { op: "setUserStatus", userId: user(2), status: "ENABLED" },
      {
        op: "removeAssignment",
        accountId: "111111111111",
        permissionSetArn: ps("c"),
        principalType: "USER",
        principalId: GONE,
      },
      {
        op: "removeAssignment",
        accountId: "333333333333",
        permissionSetArn: ps("b"),
        principalType: "GROUP",
        principalId: group(2),
      },
      {
        op: "removeAssignment",
        accountId: "333333333333",
        permissionSetArn: ps("b"),
        principalType: "GROUP",
        principalId: group(3),
      },
      {
        op: "removeAssignment",
        accountId: "222222222222",
        permissionSetArn: ps("a"),
        principalType: "USER",
        principalId: user(1),
      },
      {
        op: "removeAssignment",
        accountId: "111111111111",
        permissionSetArn: ps("e"),
        principalType: "USER",
        principalId: user(4),
      },
      {
        op: "addAssignment",
        accountId: "111111111111",
        permissionSetArn: ps("e"),
        principalType: "GROUP",
        principalId: group(2),
      },
      { op: "addMembership", groupId: group(3), userId: user(3) },
      {
        op: "addAssignment",
        accountId: "222222222222",
        permissionSetArn: ps("c"),
        principalType: "GROUP",
        principalId: group(3),
      },
      {
        op: "addAssignment",
        accountId: "222222222222",
        permissionSetArn: ps("d"),
        principalType: "GROUP",
        principalId: group(1),
      },
    ]);
    const changes = await syncChanges();
    expect(changes.filter((c) => c.kind === "finding.opened")).toEqual([]);
    const resolved = changes.filter((c) => c.kind === "finding.resolved");
    expect(resolved.map((c) => c.detail.findingId).sort()).toEqual(before.map((f) => f.id).sort());
    expect(resolved).toHaveLength(EXPECTED.length);
    const all = await findings();
    expect(all.every((f) => f.status === "resolved" && f.resolvedAt !== null)).toBe(true);
    expect(await findings("open")).toEqual([]);
    const disabled = resolved.find((c) => c.detail.rule === "user.disabled_with_access");
    expect(disabled).toMatchObject({ userId: user(2), detail: { severity: "high" } });
  });
});
