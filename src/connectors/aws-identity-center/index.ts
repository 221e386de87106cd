// Public entry of the AWS Identity Center connector: read one instance completely.
import { setMaxListeners } from "node:events";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { parseConnectionValues } from "../../domain/connection-values.js";
import { resolveEffectiveAccess } from "../../domain/effective-access.js";
import type { Account, ConnectionValues, Membership, ReadResult } from "../../domain/model.js";
import type { ActivityRead } from "../../domain/activity.js";
import { sortSnapshot } from "../../domain/canonical.js";
import { compareStrings } from "../../domain/sort.js";
import { allSettledOrThrow } from "../../aws-calls/concurrency.js";
import type { RequestBudget } from "../../aws-calls/request-budget.js";
import { createIdcClients, type CreateIdcClientsOptions } from "./clients.js";
import { unknownAccount } from "./mappers/organizations.js";
import { chooseAssignmentPlan } from "./plan.js";
import { describeAccounts, readAccounts, type AccountsRead } from "./read-accounts.js";
import { readAssignmentsPerAccount, readAssignmentsPerPrincipal } from "./read-assignments.js";
import { ReadContext } from "./read-context.js";
import { readGroupsAndMemberships, type GroupsRead } from "./read-groups.js";
import { describeInstance, findInstance, type InstanceFacts } from "./read-instance.js";
import { readPermissionSets } from "./read-permission-sets.js";
import { readUsers } from "./read-users.js";
import { readActivity, type ReadActivityOptions } from "./read-activity.js";

export interface ReadProgress {
  /** A short phase name: "users", "groups", "memberships", "permissionSets", "accounts", "assignments". */
  phase: string;
  /** Items read so far in this phase. */
  done: number;
}

export interface ReadOptions {
  values: ConnectionValues;
  /** The idc-sync organization's external id: sent as sts:ExternalId when assuming the role. */
  externalId: string;
  /** Our connection id: goes into the RoleSessionName. */
  connectionId: string;
  /** Optional role the platform assumes first (IDC_SYNC_PLATFORM_ROLE_ARN). */
  platformRoleArn?: string;
  /** Per-connection endpoint override (the demo's sandbox); otherwise the SDK's own resolution. */
  endpointUrl?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ReadProgress) => void;
  /** The connection's request budget, e.g. kept by the engine across syncs; default a fresh one. */
  budget?: RequestBudget;
  /** The platform's own credentials before AssumeRole; default the SDK's credential chain. */
  platformCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per call and backoff tuning (tests shorten the delays). */
  maxAttempts?: number;
  retry?: CreateIdcClientsOptions["retry"];
  /**
   * Read sign-in activity from CloudTrail (optional extra cloudtrail:LookupEvents) since this
   * cursor; absent: not read (and no CloudTrail call is made).
   */
  activity?: {
    cursor: ReadActivityOptions["cursor"];
    now?: Date;
    /**
     * Read the whole 90 days (or gap) before returning. Default false: the history is read while
     * the identity read lasts, and the engine's backfill turns read the rest.
     */
    toEnd?: boolean;
  };
}

/** What the backfill turns pass to readActivityOnly. */
export type ReadActivityOnlyOptions = Omit<ReadOptions, "activity" | "onProgress"> & {
  cursor: ReadActivityOptions["cursor"];
  stop: () => boolean;
  permissionSets: readonly { name: string; arn: string }[];
  now?: Date;
  onProgress?: (progress: ReadProgress) => void;
};

/** The connection's AWS clients: the role assumed with the external id, budgeted, on `signal`. */
function clientsFor(
  options: Omit<ReadOptions, "activity" | "onProgress">,
  values: ConnectionValues,
  signal: AbortSignal,
): ReturnType<typeof createIdcClients> {
  return createIdcClients({
    values,
    externalId: options.externalId,
    connectionId: options.connectionId,
    signal,
    ...defined({
      platformRoleArn: options.platformRoleArn,
      endpointUrl: options.endpointUrl,
      budget: options.budget,
      platformCredentials: options.platformCredentials,
      maxAttempts: options.maxAttempts,
      retry: options.retry,
    }),
  });
}

/** Reads only the sign-in activity (a backfill turn): no identity call but the role's assumption. */
export async function readActivityOnly(options: ReadActivityOnlyOptions): Promise<ActivityRead> {
  const values = parseConnectionValues(options.values);
  options.signal?.throwIfAborted();
  const signal = options.signal ?? new AbortController().signal;
  setMaxListeners(0, signal);
  const clients = clientsFor(options, values, signal);
  try {
    const ctx = new ReadContext(clients, values, signal, options.onProgress);
    return await readActivity(ctx, Promise.resolve(options.permissionSets), {
      cursor: options.cursor,
      now: options.now ?? new Date(),
      stop: options.stop,
    });
  } finally {
    clients.destroy();
  }
}

/**
 * Reads the instance, maps it and resolves effective access. Throws an IdcSyncError subclass
 * (ValidationError before any AWS call for bad values; AccessDeniedError naming the action for a
 * required part; RetryableError/FatalError otherwise). Optional parts denied become warnings.
 */
export async function readIdentityCenter(options: ReadOptions): Promise<ReadResult> {
  const started = performance.now();
  const values = parseConnectionValues(options.values);
  options.signal?.throwIfAborted();
  // The first failure of any part aborts the others, so a failed read stops calling AWS at once.
  const failed = new AbortController();
  const signal =
    options.signal === undefined ? failed.signal : AbortSignal.any([options.signal, failed.signal]);
  // Every request in flight listens on the signal: many at once is expected, not a leak.
  setMaxListeners(0, signal);
  const clients = clientsFor(options, values, signal);
  try {
    const ctx = new ReadContext(clients, values, signal, options.onProgress);
    const { snapshot, activity } = await readAll(
      ctx,
      (err) => {
        if (!failed.signal.aborted) failed.abort(err);
      },
      options.activity,
    );
    const stats = clients.meter.stats();
    return {
      ...(activity === undefined ? {} : { activity }),
      snapshot,
      stats: {
        callsByAction: stats.callsByAction,
        retries: stats.retries,
        throttles: stats.throttles,
        durationMs: Math.round(performance.now() - started),
      },
      warnings: ctx.warnings,
    };
  } finally {
    clients.destroy();
  }
}

async function readAll(
  ctx: ReadContext,
  stop: (err: unknown) => void,
  activityOptions: ReadOptions["activity"],
): Promise<Pick<ReadResult, "snapshot" | "activity">> {
  const metadata = await findInstance(ctx);
  const part = <T>(promise: Promise<T>): Promise<T> =>
    promise.catch((err: unknown) => {
      stop(err);
      throw err;
    });
  const factsP = part(describeInstance(ctx, metadata));
  const usersP = part(readUsers(ctx));
  const groupsP = part(readGroupsAndMemberships(ctx));
  const accountsP = part(readAccounts(ctx));
  const permissionSetsP = part(
    factsP.then((facts) => (facts.permissionSetsEnabled === false ? [] : readPermissionSets(ctx))),
  );
  const assignmentsP = part(
    (async () => readAssignments(ctx, await factsP, await accountsP, usersP, groupsP))(),
  );
  // Starts at once: only the end needs the permission sets' names (a federation names its role).
  // It reads while the identity read lasts (unless told to read to the end): the rest of a long
  // history is the engine's backfill turns', so the sync does not wait hours for CloudTrail.
  let identityRead = false;
  void Promise.allSettled([factsP, usersP, groupsP, accountsP, permissionSetsP, assignmentsP]).then(() => {
    identityRead = true;
  });
  const activityP = part(
    activityOptions === undefined
      ? Promise.resolve(undefined)
      : readActivity(ctx, permissionSetsP, {
          cursor: activityOptions.cursor,
          now: activityOptions.now ?? new Date(),
          ...(activityOptions.toEnd === true ? {} : { stop: () => identityRead }),
        }),
  );
  const [facts, users, groupsRead, , permissionSets, assigned, activity] = await allSettledOrThrow([
    factsP,
    usersP,
    groupsP,
    accountsP,
    permissionSetsP,
    assignmentsP,
    activityP,
  ]);
  // Memberships list live users only (design.md section 3); the group is live by construction.
  // Each keeps the user's own id string: one per user rather than one per membership.
  const liveUserIds = new Map(users.map((u) => [u.userId, u.userId]));
  const memberships: Membership[] = [];
  for (const m of groupsRead.memberships) {
    const userId = liveUserIds.get(m.userId);
    if (userId === undefined) continue;
    m.userId = userId;
    memberships.push(m);
  }
  liveUserIds.clear();
  const { access, orphanedAssignments } = resolveEffectiveAccess({
    users,
    groups: groupsRead.groups,
    memberships,
    assignments: assigned.assignments,
  });
  const snapshot = sortSnapshot({
    instance: facts.instance,
    users,
    groups: groupsRead.groups,
    memberships,
    accounts: assigned.accounts,
    permissionSets,
    assignments: assigned.assignments,
    access,
    orphanedAssignments,
  });
  return activity === undefined ? { snapshot } : { snapshot, activity };
}

async function readAssignments(
  ctx: ReadContext,
  facts: InstanceFacts,
  accounts: AccountsRead,
  usersP: Promise<{ userId: string }[]>,
  groupsP: Promise<GroupsRead>,
): Promise<{ assignments: ReadResult["snapshot"]["assignments"]; accounts: Account[] }> {
  const plan = chooseAssignmentPlan({
    permissionSetsEnabled: facts.permissionSetsEnabled,
    instanceType: facts.instance.type,
    accountsListed: accounts.listed,
  });
  const listed = accounts.listed ? accounts.accounts : [];
  if (plan === "none") return { assignments: [], accounts: listed };
  if (plan === "per-account") {
    const ids = listed.map((a) => a.accountId);
    return { assignments: await readAssignmentsPerAccount(ctx, ids), accounts: listed };
  }
  const [users, groupsRead] = await Promise.all([usersP, groupsP]);
  const assignments = await readAssignmentsPerPrincipal(ctx, [
    ...users.map((u) => ({ type: "USER" as const, id: u.userId })),
    ...groupsRead.groups.map((g) => ({ type: "GROUP" as const, id: g.groupId })),
  ]);
  const known = new Set(listed.map((a) => a.accountId));
  const missing = [...new Set(assignments.map((a) => a.accountId))]
    .filter((id) => !known.has(id))
    .sort(compareStrings);
  const extra = accounts.listed
    ? missing.map(unknownAccount)
    : await describeAccounts(ctx, missing, accounts.inOrganization);
  return { assignments, accounts: [...listed, ...extra] };
}

/** The object without its undefined members (exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
