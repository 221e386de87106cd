// The killed-sync suite (cli-sync-killed*.test.ts, one file per store): the built `idc-sync sync`
// runs as a child process and gets SIGKILL after a seeded random delay, half of the time during
// the read and half of the time after it (while it compares and commits). After each kill the
// stored state is exactly the one before (or, if the kill came after the commit, exactly the new
// one: never a mix), and the next sync succeeds once the killed run's claim has expired
// (IDC_SYNC_SYNC_LEASE_SECONDS=1 here, so that the test waits one second, not five minutes).
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectCommand } from "../../src/cli/connect-command.js";
import { exportCommand } from "../../src/cli/export-command.js";
import { orgCommand } from "../../src/cli/org-command.js";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { ABANDONED_RUN_CODE } from "../../src/domain/sync-run.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import { connectionReader } from "../../src/engine/sync-read.js";
import { SyncRunner } from "../../src/engine/sync-runner.js";
import { startSandbox, type Sandbox, type SbAssignment } from "../../src/sandbox/index.js";
import {
  addAssignment,
  addUser,
  deleteUser,
  removeAssignment,
  renameUser,
  setUserStatus,
} from "../../src/sandbox/mutate.js";
import { openStore, type OpenStoreOptions } from "../../src/store/open-store.js";
import {
  connectArgs,
  expectExportOfWorld,
  parseExport,
  PLATFORM_ENV,
  runCli,
  setProcessEnv,
} from "./cli-support.js";
import { assertBuilt, killPlan, startSyncChild, type Phase } from "./cli-sync-child.js";

const LEASE_MS = 1000;

export interface Target {
  /** The environment of `idc-sync` (in-process commands and the child) for this store. */
  env: Record<string, string>;
  storeOptions: OpenStoreOptions;
  cleanup(): Promise<void>;
}

/** `target` undefined: the suite shows as skipped (e.g. no PostgreSQL to test against). */
export function describeKilledSyncs(
  dialect: "sqlite" | "postgres",
  iterations: number,
  target: (() => Promise<Target>) | undefined,
): void {
  describe.skipIf(target === undefined)(`a sync killed at random points [${dialect}]`, () => {
    let t: Target;
    let sandbox: Sandbox;
    let orgId: string;
    let connectionId: string;
    let restoreEnv: () => void;
    const deleted: string[] = [];
    /** A group assignment each mutation adds or removes again: access for its members comes and goes. */
    let toggled: SbAssignment;

    const cli = (command: Parameters<typeof runCli>[0], args: string[]) => runCli(command, args, t.env);
    const childEnv = (): Record<string, string> => {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) {
        if (v !== undefined && !/^(IDC_SYNC_|DATABASE_URL$|AWS_)/.test(k)) env[k] = v;
      }
      return {
        ...env,
        ...PLATFORM_ENV,
        ...t.env,
        IDC_SYNC_SYNC_LEASE_SECONDS: String(LEASE_MS / 1000),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      };
    };
    const exportText = async (): Promise<string> => {
      const r = await cli(exportCommand, [connectionId, "--org", orgId, "--format", "json"]);
      expect(r.code, r.err).toBe(0);
      return r.out;
    };
    /** A sync in this process, with no request budget: the quick way to a known state. */
    const syncHere = async () => {
      const store = await openStore(t.storeOptions);
      try {
        const runner = new SyncRunner({
          store,
          read: connectionReader({
            read: (o) => readIdentityCenter({ ...o, budget: new RequestBudget({ enabled: false }) }),
          }),
        });
        const run = await runner.run(orgId, connectionId);
        expect(run.error).toBeNull();
        const runs = await store.listSyncRuns(orgId, connectionId, { limit: 2 });
        return { run, previous: runs.items[1] };
      } finally {
        await store.close();
      }
    };
    /** The next state of the organization: every user's status flips, one user goes, one comes. */
    /**
     * The next state of the organization, with thousands of changes so that the commit takes a
     * while: every user's status flips and display name changes, one user goes, one comes, and
     * a group's assignment comes or goes.
     */
    let generation = 0;
    const mutate = () => {
      const world = sandbox.world;
      generation++;
      for (const u of world.users) {
        setUserStatus(world, u.UserId, u.UserStatus === "DISABLED" ? "ENABLED" : "DISABLED");
        renameUser(world, u.UserId, { displayName: `Person ${generation}.${u.UserName.length}` });
      }
      const gone = world.users[world.users.length >> 1]!.UserId;
      deleteUser(world, gone);
      deleted.push(gone);
      addUser(world);
      if (generation % 2 === 1) addAssignment(world, toggled);
      else removeAssignment(world, toggled);
    };

    beforeAll(async () => {
      assertBuilt();
      t = await target!();
      restoreEnv = setProcessEnv(PLATFORM_ENV);
      const org = JSON.parse((await cli(orgCommand, ["create", "Killed", "--json"])).out) as {
        id: string;
        externalId: string;
      };
      orgId = org.id;
      // Big enough that the commit takes a while; the read is paced by the CLI's request budget.
      sandbox = await startSandbox({
        generate: {
          users: 1200,
          groups: 12,
          groupsPerUser: 1,
          accounts: 2,
          permissionSets: 2,
          provisionedPerAccount: 2,
          assignmentsPerPair: 4,
          groupAssignmentShare: 0.8,
          seed: 21,
        },
        trust: { externalId: org.externalId },
      });
      const w = sandbox.world;
      const group = w.groups[0]!.GroupId;
      const pair = Object.entries(w.provisioned)
        .flatMap(([accountId, arns]) => arns.map((arn) => ({ accountId, arn })))
        .find(
          (p) =>
            !w.assignments.some(
              (a) => a.AccountId === p.accountId && a.PermissionSetArn === p.arn && a.PrincipalId === group,
            ),
        )!;
      toggled = {
        AccountId: pair.accountId,
        PermissionSetArn: pair.arn,
        PrincipalType: "GROUP",
        PrincipalId: group,
      };
      const connected = await cli(connectCommand, connectArgs(sandbox, "--org", orgId, "--json"));
      expect(connected.code, connected.err).toBe(0);
      connectionId = (JSON.parse(connected.out) as { id: string }).id;
      await syncHere();
    });

    afterAll(async () => {
      restoreEnv();
      await sandbox?.close();
      await t?.cleanup();
    });

    it(`leaves the stored state whole through ${iterations} kills, and the next sync succeeds`, async () => {
      const args = [connectionId, "--org", orgId];
      // Calibration: one whole run of the child, timing its read and its commit.
      mutate();
      const whole = startSyncChild(args, childEnv());
      await whole.started("read");
      const readAt = performance.now();
      await whole.started("commit");
      const commitAt = performance.now();
      expect(await whole.exited, whole.stderr()).toEqual({ code: 0, signal: null });
      const readMs = commitAt - readAt;
      const commitMs = performance.now() - commitAt;
      expectExportOfWorld(parseExport(await exportText()), sandbox.world, { deleted });

      const outcomes: { phase: Phase; delayMs: number; outcome: string }[] = [];
      const plan = killPlan(iterations, 20261130);
      for (let i = 0; i < iterations; i++) {
        const { phase, at } = plan[i]!;
        const delayMs = Math.round(at * (phase === "read" ? readMs : commitMs));
        mutate();
        const before = await exportText();
        const child = startSyncChild(args, childEnv());
        const reached = await child.started(phase);
        expect(reached, child.stderr()).toBe(true);
        // The random delay is the point of the test: the kill lands somewhere in the phase.
        await sleep(delayMs);
        const readOver = child.committing;
        const killed = child.kill();
        const killedAt = Date.now();
        const end = await child.exited;
        const after = await exportText();
        let outcome: string;
        if (!killed) {
          expect(end, child.stderr()).toEqual({ code: 0, signal: null });
          outcome = "finished before the kill";
        } else if (after === before) {
          outcome = readOver
            ? "killed after the read: nothing committed"
            : "killed in the read: nothing committed";
        } else {
          // Only a kill after the commit may leave the new state, and then all of it.
          expect(readOver, `${phase} +${delayMs} ms: the state changed, the read had not ended`).toBe(true);
          outcome = "killed after the commit";
        }
        if (after !== before) expectExportOfWorld(parseExport(after), sandbox.world, { deleted });
        outcomes.push({ phase, delayMs, outcome });

        // The killed run holds the connection until its lease expires (at most LEASE_MS after
        // its last renewal, which came before the kill): then the next sync takes over.
        await sleep(Math.max(0, killedAt + LEASE_MS + 20 - Date.now()));
        const { run, previous } = await syncHere();
        expect(run.state).toBe("succeeded");
        if (outcome.endsWith("nothing committed")) {
          expect(previous).toMatchObject({ state: "failed", error: { code: ABANDONED_RUN_CODE } });
        }
        expectExportOfWorld(parseExport(await exportText()), sandbox.world, { deleted });
      }
      const summary = outcomes.map((o) => `${o.phase} +${o.delayMs}ms: ${o.outcome}`).join("\n");
      if (process.env["SHOW_KILLS"] !== undefined)
        console.log(`read ${Math.round(readMs)} commit ${Math.round(commitMs)}\n${summary}`);
      expect(
        outcomes.filter((o) => o.outcome === "killed in the read: nothing committed").length,
        summary,
      ).toBeGreaterThanOrEqual(Math.floor(iterations / 4));
      expect(
        outcomes.filter((o) => o.outcome === "killed after the read: nothing committed").length,
        summary,
      ).toBeGreaterThanOrEqual(1);

      // And the real CLI syncs again after a kill.
      mutate();
      const killedOne = startSyncChild(args, childEnv());
      await killedOne.started("commit");
      killedOne.kill();
      const killedAt = Date.now();
      await killedOne.exited;
      await sleep(Math.max(0, killedAt + LEASE_MS + 20 - Date.now()));
      const next = startSyncChild(args, childEnv());
      expect(await next.exited, next.stderr()).toEqual({ code: 0, signal: null });
      expectExportOfWorld(parseExport(await exportText()), sandbox.world, { deleted });
    }, 180_000);
  });
}
