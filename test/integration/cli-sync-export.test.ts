// Acceptance of the store-backed CLI against the sandbox: connect, sync and export give exactly
// the sandbox's organization; after users, memberships, a group and assignments change in AWS,
// the next sync's export shows the new state and `changes --since` lists exactly what changed;
// drift protection holds a sync that would delete half the users and commits nothing until --force.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesCommand } from "../../src/cli/changes-command.js";
import { connectCommand } from "../../src/cli/connect-command.js";
import { connectionsCommand } from "../../src/cli/connections-command.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { syncCommand } from "../../src/cli/sync-command.js";
import type { Command } from "../../src/cli/context.js";
import type { ConnectionExport } from "../../src/domain/export-format.js";
import { orphanedAssignments, startSandbox, type Sandbox, type SbWorld } from "../../src/sandbox/index.js";
import {
  addMembership,
  addUser,
  deleteGroup,
  deleteUser,
  removeAssignment,
  removeMembership,
  setUserStatus,
} from "../../src/sandbox/mutate.js";
import {
  changeKey,
  copyWorld,
  connectArgs,
  expectedChangeKeys,
  expectExportOfWorld,
  parseExport,
  PLATFORM_ENV,
  runCli,
  setProcessEnv,
  type ChangeKey,
} from "./cli-support.js";

let dir: string;
let sandbox: Sandbox;
let orgId: string;
let connectionId: string;
let restoreEnv: () => void;
/** The export after the first sync, and after the second. */
let first: ConnectionExport;
let second: ConnectionExport;

const cli = (command: Command, args: string[]) => runCli(command, args, { IDC_SYNC_DATA_DIR: dir });

async function exportJson(): Promise<string> {
  const r = await cli(exportCommand, [connectionId, "--org", orgId, "--format", "json"]);
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  return r.out;
}

async function changesJson(since?: string): Promise<ChangeKey[] & { at: string }[]> {
  const r = await cli(changesCommand, [
    connectionId,
    "--org",
    orgId,
    "--json",
    ...(since === undefined ? [] : ["--since", since]),
  ]);
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as ChangeKey[] & { at: string }[];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "idc-sync-cli-sync-"));
  restoreEnv = setProcessEnv(PLATFORM_ENV);
  const created = await cli(orgCommand, ["create", "Acceptance", "--json"]);
  expect(created.code).toBe(0);
  const org = JSON.parse(created.out) as { id: string; externalId: string };
  orgId = org.id;
  sandbox = await startSandbox({
    generate: { users: 60, groups: 8, accounts: 3, permissionSets: 3, orphanedAssignments: 2, seed: 11 },
    trust: { externalId: org.externalId },
  });
});

afterAll(async () => {
  restoreEnv();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Users with at least one membership in a group that has an assignment, and some direct access. */
function interestingUsers(world: SbWorld): string[] {
  const assignedGroups = new Set(
    world.assignments.filter((a) => a.PrincipalType === "GROUP").map((a) => a.PrincipalId),
  );
  const direct = new Set(
    world.assignments.filter((a) => a.PrincipalType === "USER").map((a) => a.PrincipalId),
  );
  const viaGroup = new Set(
    world.memberships.filter((m) => assignedGroups.has(m.GroupId)).map((m) => m.UserId),
  );
  return world.users.map((u) => u.UserId).filter((id) => direct.has(id) || viaGroup.has(id));
}

describe("idc-sync connect, sync, export and changes against the sandbox", () => {
  it("connects, syncs and exports exactly the sandbox's organization", async () => {
    const connected = await cli(
      connectCommand,
      connectArgs(sandbox, "--name", "Sandbox", "--org", orgId, "--json"),
    );
    expect(connected.err).toBe("");
    expect(connected.code).toBe(0);
    const connection = JSON.parse(connected.out) as {
      id: string;
      state: string;
      values: unknown;
      checks: { ok: boolean }[];
      warnings: unknown[];
    };
    connectionId = connection.id;
    expect(connection).toMatchObject({
      state: "pending",
      warnings: [],
      values: { instanceArn: sandbox.connectValues().instanceArn },
    });
    expect(connection.checks.length).toBe(24);
    expect(connection.checks.every((c) => c.ok)).toBe(true);

    const synced = await cli(syncCommand, ["Sandbox", "--org", orgId]);
    expect(synced.err).toBe("");
    expect(synced.code).toBe(0);
    first = parseExport(await exportJson());
    expect(first.syncedAt).not.toBeNull();
    expect(orphanedAssignments(sandbox.world).length).toBeGreaterThan(0);
    expectExportOfWorld(first, sandbox.world);
    expect(first.users.some((u) => u.status === "DISABLED")).toBe(true);
  });

  it("after changes in AWS, exports the new state and lists exactly what changed", async () => {
    const world = sandbox.world;
    const before = copyWorld(world);
    const candidates = interestingUsers(world);
    const deleted = candidates.slice(0, 3);
    // Deleting users leaves their assignments behind, orphaned, as AWS does.
    for (const id of deleted) deleteUser(world, id);
    const enabled = world.users.filter((u) => u.UserStatus !== "DISABLED" && candidates.includes(u.UserId));
    const disabled = enabled.slice(0, 2).map((u) => u.UserId);
    for (const id of disabled) setUserStatus(world, id, "DISABLED");
    const removedMemberships = world.memberships
      .filter((m) => !disabled.includes(m.UserId))
      .slice(0, 2)
      .map((m) => ({ groupId: m.GroupId, userId: m.UserId }));
    for (const m of removedMemberships) removeMembership(world, m.groupId, m.userId);
    const groupWithAccess = world.assignments.find(
      (a) => a.PrincipalType === "GROUP" && world.groups.some((g) => g.GroupId === a.PrincipalId),
    )!.PrincipalId;
    deleteGroup(world, groupWithAccess);
    const removedAssignments = world.assignments
      .filter((a) =>
        a.PrincipalType === "USER"
          ? world.users.some((u) => u.UserId === a.PrincipalId)
          : world.groups.some((g) => g.GroupId === a.PrincipalId),
      )
      .slice(0, 2)
      .map((a) => ({ ...a }));
    for (const a of removedAssignments) removeAssignment(world, a);
    const added = [addUser(world), addUser(world)].map((u) => u.UserId);
    const assignedGroup = world.assignments.find(
      (a) => a.PrincipalType === "GROUP" && world.groups.some((g) => g.GroupId === a.PrincipalId),
    )!.PrincipalId;
    addMembership(world, assignedGroup, added[0]!);
    const orphansLeft = orphanedAssignments(world);

    const since = new Date().toISOString();
    const synced = await cli(syncCommand, [connectionId, "--org", orgId, "--json"]);
    expect(synced.err).toBe("");
    expect(synced.code).toBe(0);
    expect((JSON.parse(synced.out) as { run: { state: string } }[])[0]?.run.state).toBe("succeeded");

    second = parseExport(await exportJson());
    expectExportOfWorld(second, world, { deleted, previous: first });
    const at = second.syncedAt;
    expect(at! >= since).toBe(true);
    const users = new Map(second.users.map((u) => [u.userId, u]));
    for (const id of deleted) expect(users.get(id)).toMatchObject({ status: "DELETED", deletedAt: at });
    for (const id of added) expect(users.get(id)?.firstSeenAt).toBe(at);
    for (const u of first.users) expect(users.get(u.userId)?.firstSeenAt).toBe(u.firstSeenAt);
    // The orphaned assignments stay as AWS leaves them: those of the deleted users and group too.
    const key = (a: { accountId: string; permissionSetArn: string; principalId: string }) =>
      `${a.accountId} ${a.permissionSetArn} ${a.principalId}`;
    const exportedAssignments = new Set(second.assignments.map(key));
    const orphanKeys = orphansLeft.map((a) =>
      key({ accountId: a.AccountId, permissionSetArn: a.PermissionSetArn, principalId: a.PrincipalId }),
    );
    expect(orphanKeys.some((k) => k.endsWith(groupWithAccess))).toBe(true);
    expect(orphanKeys.filter((k) => !exportedAssignments.has(k))).toEqual([]);

    // The diff's changes; findings' own (finding.*) are test/integration/findings-sync.test.ts's.
    const all = await changesJson(since);
    const changes = all.filter((c) => !c.kind.startsWith("finding."));
    expect(changes.map(changeKey).sort()).toEqual(expectedChangeKeys(before, world));
    // And from the mutations themselves, kind by kind.
    const ids = (kind: string, pick: (c: ChangeKey) => string | null) =>
      changes
        .filter((c) => c.kind === kind)
        .map(pick)
        .sort();
    expect(ids("user.deleted", (c) => c.userId)).toEqual([...deleted].sort());
    expect(ids("user.added", (c) => c.userId)).toEqual([...added].sort());
    expect(ids("user.disabled", (c) => c.userId)).toEqual([...disabled].sort());
    expect(ids("user.enabled", (c) => c.userId)).toEqual([]);
    expect(ids("group.deleted", (c) => c.groupId)).toEqual([groupWithAccess]);
    expect(ids("assignment.removed", (c) => `${c.accountId} ${c.permissionSetArn}`)).toEqual(
      removedAssignments.map((a) => `${a.AccountId} ${a.PermissionSetArn}`).sort(),
    );
    const removed = new Set(ids("membership.removed", (c) => `${c.groupId} ${c.userId}`));
    for (const m of removedMemberships) expect(removed.has(`${m.groupId} ${m.userId}`)).toBe(true);
    expect(ids("membership.added", (c) => `${c.groupId} ${c.userId}`)).toEqual([
      `${assignedGroup} ${added[0]}`,
    ]);
    expect(ids("access.granted", (c) => c.userId)).toContain(added[0]);
    expect(ids("access.revoked", (c) => c.userId)).toEqual(expect.arrayContaining(deleted));
    for (const c of all) expect(c.at).toBe(at);
  });

  it("holds a sync that would delete half the users, commits nothing, and commits it with --force", async () => {
    const world = sandbox.world;
    const exportBefore = await exportJson();
    const changesBefore = JSON.stringify(await changesJson());
    const live = world.users.map((u) => u.UserId);
    const gone = live.slice(0, Math.ceil(live.length / 2));
    for (const id of gone) deleteUser(world, id);

    const held = await cli(syncCommand, [connectionId, "--org", orgId]);
    expect(held.code).toBe(1);
    expect(held.err.trimEnd().split("\n")).toHaveLength(1);
    expect(held.err).toMatch(
      new RegExp(
        `^idc-sync sync: Sandbox: this sync would delete ${gone.length} of ${live.length} users .*--force`,
      ),
    );
    expect(await exportJson()).toBe(exportBefore);
    expect(JSON.stringify(await changesJson())).toBe(changesBefore);
    const listed = await cli(connectionsCommand, ["--org", orgId, "--json"]);
    expect(JSON.parse(listed.out)).toMatchObject([{ lastRunState: "needs_confirmation" }]);

    const forced = await cli(syncCommand, [connectionId, "--org", orgId, "--force"]);
    expect(forced.err).toBe("");
    expect(forced.code).toBe(0);
    const after = parseExport(await exportJson());
    const deletedBefore = second.users.filter((u) => u.status === "DELETED").map((u) => u.userId);
    expectExportOfWorld(after, world, { deleted: [...deletedBefore, ...gone], previous: second });
    const changes = await changesJson(after.syncedAt!);
    expect(
      changes
        .filter((c) => c.kind === "user.deleted")
        .map((c) => c.userId)
        .sort(),
    ).toEqual([...gone].sort());
  });
});
