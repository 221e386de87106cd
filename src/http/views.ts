// Domain objects -> the API's response shapes (api-contract.ts). Nothing here reads the store
// except `connectionView`, which gathers a connection's counts.
import type { Connection as DomainConnection } from "../domain/connection.js";
import type { SyncWarning } from "../domain/model.js";
import type { SyncRun as DomainSyncRun } from "../domain/sync-run.js";
import type { Store } from "../store/store.js";
import { problemParts } from "../domain/problem-text.js";
import type { Connection, Problem, SyncRun } from "./api-contract.js";
import type { HttpDeps } from "./deps.js";

/** A warning or error as the API shows it: its message, and a headline with AWS's words as details. */
export function problemView(p: {
  code: string;
  message: string;
  action?: string | null | undefined;
}): Problem {
  return { code: p.code, message: p.message, action: p.action ?? null, ...problemParts(p.message) };
}

export function warningView(w: SyncWarning): Problem {
  return problemView(w);
}

export function syncRunView(run: DomainSyncRun): SyncRun {
  return {
    id: run.id,
    connectionId: run.connectionId,
    state: run.state,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    forced: run.forced,
    counts: run.counts,
    callsByAction: run.callsByAction,
    retries: run.retries,
    throttles: run.throttles,
    warnings: run.warnings.map(warningView),
    error: run.error === null ? null : problemView(run.error),
  };
}

async function countsOf(store: Store, c: DomainConnection): Promise<Connection["counts"]> {
  if (c.lastSyncedAt === null) return null;
  return store.getConnectionCounts(c.organizationId, c.id);
}

async function findingCountsOf(store: Store, c: DomainConnection): Promise<Connection["findings"]> {
  if (c.lastSyncedAt === null) return null;
  return (await store.listFindings(c.organizationId, { connectionId: c.id, limit: 1 })).counts;
}

async function heldBackOf(store: Store, c: DomainConnection): Promise<Connection["heldBack"]> {
  if (c.lastRunState !== "needs_confirmation" || c.lastRunId === null) return null;
  const run = await store.getSyncRun(c.organizationId, c.lastRunId);
  if (run.heldDeletions === null) return null; // held before the list was kept (migration 0006)
  const usersDeleted = run.counts?.usersDeleted ?? run.heldDeletions.users.length;
  const liveUsers = run.heldDeletions.liveUsers;
  return {
    runId: run.id,
    usersDeleted,
    liveUsers,
    percent: liveUsers === 0 ? 0 : Math.round((100 * usersDeleted) / liveUsers),
    users: run.heldDeletions.users,
  };
}

export async function connectionView(deps: HttpDeps, c: DomainConnection): Promise<Connection> {
  const next = deps.scheduler.nextSyncAt(c.id);
  // The store's state lags a run this process just started; the scheduler knows first.
  const state = deps.scheduler.isRunning(c.id) ? "syncing" : c.state;
  // A sync on another process (a queue worker) reports its progress through the store.
  const progress =
    state !== "syncing"
      ? null
      : (deps.scheduler.progress(c.id) ??
        (c.lastRunId === null ? null : await deps.store.getRunProgress(c.organizationId, c.lastRunId)));
  return {
    id: c.id,
    integration: "aws-identity-center",
    name: c.name,
    roleArn: c.values.roleArn,
    region: c.values.region,
    identityStoreId: c.values.identityStoreId,
    instanceArn: c.values.instanceArn,
    endpointUrl: c.endpointUrl,
    scheduleMinutes: c.scheduleMinutes,
    state,
    progress,
    lastError: c.lastError === null ? null : problemView(c.lastError),
    lastWarnings: c.lastWarnings.map(warningView),
    lastSyncedAt: c.lastSyncedAt,
    lastRunId: c.lastRunId,
    lastRunState: c.lastRunState,
    heldBack: await heldBackOf(deps.store, c),
    nextSyncAt: next === null ? null : new Date(next).toISOString(),
    counts: await countsOf(deps.store, c),
    findings: await findingCountsOf(deps.store, c),
    demo: c.demo,
    createdAt: c.createdAt,
  };
}
