// The benchmark's sandbox process: generates the organization, works out its ground truth (the
// call plans and the snapshot's sizes), serves it until bench/run.ts disconnects. Faults start
// off; the sync child sets them through the admin route before each phase.
import {
  type ActivityOptions,
  generateWorld,
  startSandbox,
  type ConnectValues,
  type GenerateOptions,
} from "../src/sandbox/index.js";
import type { TrustOptions } from "../src/sandbox/auth.js";
import { expectedAccess, orphanedAssignments } from "../src/sandbox/truth.js";
import { serveTask } from "./child-process.js";
import { plansOf, type CheapestPlan } from "./plans.js";

export interface SandboxTask {
  generate: GenerateOptions;
  /** CloudTrail's history (the --activity bench); default none, so the sync benches pay nothing for it. */
  activity?: ActivityOptions;
  /**
   * Send the latest sign-in per user that the history holds (the --activity bench's truth check):
   * a few MB for 20,000 users, computed once here rather than kept by the measured reader.
   */
  signInTruth?: boolean;
  /** Default: the sandbox's own role and external id (ConnectValues). */
  trust?: TrustOptions;
}

/** What the snapshot of a correct read holds. */
export interface ExpectedCounts {
  users: number;
  groups: number;
  memberships: number;
  accounts: number;
  permissionSets: number;
  provisionedPairs: number;
  assignments: number;
  orphanedAssignments: number;
  access: number;
}

export interface SandboxReady {
  connect: ConnectValues;
  generateSeconds: number;
  expected: ExpectedCounts;
  /** Cheapest first. */
  plans: CheapestPlan[];
  /** Events in CloudTrail's history per event name (all served, counted or not), and in all. */
  activity: {
    events: number;
    byName: Record<string, number>;
    generateSeconds: number;
    /** [userId, latest counted sign-in (ISO)] for users with one in the 90 days; asked by signInTruth. */
    signIns?: [string, string][];
  };
}

async function serve(task: SandboxTask): Promise<SandboxReady> {
  const t0 = performance.now();
  const world = generateWorld(task.generate);
  const generateSeconds = (performance.now() - t0) / 1000;
  const users = new Set(world.users.map((u) => u.UserId));
  const groups = new Set(world.groups.map((g) => g.GroupId));
  const expected: ExpectedCounts = {
    users: world.users.length,
    groups: world.groups.length,
    memberships: world.memberships.filter((m) => users.has(m.UserId) && groups.has(m.GroupId)).length,
    accounts: world.accounts.length,
    permissionSets: world.permissionSets.length,
    provisionedPairs: Object.values(world.provisioned).reduce((n, arns) => n + arns.length, 0),
    assignments: world.assignments.length,
    orphanedAssignments: orphanedAssignments(world).length,
    access: expectedAccess(world).length,
  };
  const plans = plansOf(world);
  const t1 = performance.now();
  const sandbox = await startSandbox({
    world,
    activity: task.activity ?? { pattern: "none" },
    ...(task.trust === undefined ? {} : { trust: task.trust }),
  });
  const activityGenerateSeconds = (performance.now() - t1) / 1000;
  const byName: Record<string, number> = {};
  for (const name of ["Authenticate", "UserAuthentication", "Federate"])
    byName[name] = sandbox.activity.select("EventName", name)?.length ?? 0;
  const signIns =
    task.signInTruth === true
      ? [...sandbox.activity.truth(sandbox.activity.endMs).lastSignInAt].flatMap(([user, at]) =>
          at === null ? [] : [[user, at] as [string, string]],
        )
      : undefined;
  process.once("disconnect", () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  return {
    connect: sandbox.connectValues(),
    generateSeconds,
    expected,
    plans,
    activity: {
      events: sandbox.activity.size,
      byName,
      generateSeconds: activityGenerateSeconds,
      ...(signIns === undefined ? {} : { signIns }),
    },
  };
}

serveTask(serve, { exitAfter: false });
