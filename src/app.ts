// The service behind `idc-sync start`: opens the store, makes sure an organization exists, wires
// the connector, the sync runner, the scheduler and the HTTP server, and (in demo mode) the
// in-process sandbox. The one wiring place besides src/main.ts.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { FastifyInstance } from "fastify";
import type { Config } from "./config.js";
import type { ReadOptions } from "./connectors/aws-identity-center/index.js";
import { hasPlatformCredentials, startDemo, type Demo } from "./demo.js";
import type { ReadResult } from "./domain/model.js";
import type { Organization } from "./domain/organization.js";
import { SyncRunner } from "./engine/sync-runner.js";
import { createChecks } from "./http/checks.js";
import type { AuthLimits } from "./http/auth-limit.js";
import type { HttpDeps, PlatformPrincipal } from "./http/deps.js";
import { scheduleEntry } from "./http/schedule-entry.js";
import { buildServer, type HttpLoggerOptions } from "./http/server.js";
import { embeddedRunSync, type EmbeddedRunSync } from "./scheduler/embedded-run.js";
import { Metrics } from "./scheduler/metrics.js";
import { startQueueService, type QueueService } from "./scheduler/queue-service.js";
import { startNotificationDispatch, type NotifySeams } from "./scheduler/notify-dispatch.js";
import type { NotificationDispatch } from "./notify/delivery-loop.js";
import { Scheduler, type SchedulerLogger, type SyncProgress } from "./scheduler/scheduler.js";
import type { SyncScheduler } from "./scheduler/sync-scheduler.js";
import { systemTimer, type Timer } from "./scheduler/timer.js";
import { resolvePlatformPrincipalArn } from "./connectors/aws-identity-center/setup/platform-principal.js";
import { isPostgresUrl, openStore } from "./store/open-store.js";
import { activityReader, platformSide, syncReader, type WiringSeams } from "./sync-wiring.js";
import { ActivityBackfill } from "./engine/activity-backfill.js";
import { ActivityLoop } from "./engine/activity-loop.js";
import type { FullStore, Store } from "./store/store.js";

export type DemoMode = "auto" | "on" | "off";

/** The connector's read, as the one sync wiring calls it (a test seam). */
export type AppReadFn = (options: ReadOptions) => Promise<ReadResult>;

export interface AppOptions {
  /** auto (default): demo when the process has no AWS credentials of its own. */
  demo?: DemoMode;
  /** Told the admin token of a newly created default organization (printed once by `start`). */
  onAdminToken?: (token: string, organization: Organization) => void;
  /** pino options; false: no log. Default: the configured level. */
  logger?: HttpLoggerOptions | false;
  /**
   * The platform's own AWS credentials for every connection but the demo, in its syncs and in its
   * connect-time checks alike (tests point them at a sandbox). Default: the SDK's credential chain.
   */
  platformCredentials?: AwsCredentialIdentityProvider;
  /** Test seams. */
  store?: FullStore;
  read?: AppReadFn;
  timer?: Timer;
  /** How often the schedule is matched to the stored connections (default 60 s; 0: never). */
  refreshMs?: number;
  detectCredentials?: () => Promise<boolean>;
  webRoot?: string | null;
  /** The failed-authentication limit (tests lower or raise it). */
  authLimits?: AuthLimits;
  /**
   * On PostgreSQL: whether this process also runs sync jobs (default true; `start --no-worker`
   * sets false and only serves and enqueues). On SQLite the embedded scheduler runs every sync.
   */
  worker?: boolean;
  /**
   * Where the embedded scheduler (SQLite) runs each sync: "thread" (the default), in its own
   * worker thread with IDC_SYNC_SYNC_MEMORY_MB of heap and its own connection to the database
   * file; "process", in this thread. "process" is the fallback where a thread cannot share what
   * the sync needs: an injected `store` (e.g. an in-memory SQLite) or `read`, which are then its
   * default; asking for "thread" with either is refused.
   */
  syncIn?: "thread" | "process";
  /** Notification delivery seams (tests: retry timing, randomness, the sender). */
  notify?: NotifySeams;
  /** The connector's activity-only read of the backfill turns (tests replace it). */
  readActivity?: WiringSeams["readActivity"];
  /** How often the sign-in history's backfill looks for connections to read (default 30 s). */
  activityPollMs?: number;
  /**
   * Start a sync of a connection when its 90 days of sign-in history have been read, so that the
   * inactivity findings come now rather than at its next schedule (default true).
   */
  syncWhenBackfilled?: boolean;
}

export interface App {
  server: FastifyInstance;
  store: FullStore;
  /** The embedded scheduler (SQLite; idle when the job queue is used). */
  scheduler: Scheduler;
  /** What schedules this process's syncs: the embedded scheduler, or the job queue's. */
  syncScheduler: SyncScheduler;
  /** The job queue (PostgreSQL), else null. */
  queue: QueueService | null;
  /** The notification deliverer's dispatch (in process, or pg-boss jobs). */
  notifications: NotificationDispatch;
  metrics: Metrics;
  runner: SyncRunner;
  /** Reads the rest of each connection's 90 days of sign-in history, in turns, in the background. */
  activity: ActivityLoop;
  /** The organization the demo and a fresh install's admin token belong to. */
  organization: Organization;
  demo: Demo | null;
  listen(port: number, host?: string): Promise<string>;
  /** Matches the schedule to the stored connections now (it also happens every refreshMs). */
  refreshSchedule(): Promise<void>;
  /** Stops scheduling, aborts running syncs and waits for them, then closes everything. */
  close(): Promise<void>;
}

const packageRoot = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

function packageVersion(): string {
  try {
    const parsed = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
      version?: unknown;
    };
    return typeof parsed.version === "string" ? parsed.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** The default organization (created, with its admin token, on first start), or the oldest one. */
async function bootstrapOrganization(
  store: Store,
  config: Config,
  options: AppOptions,
): Promise<Organization> {
  const existing = await store.listOrganizations();
  let chosen = existing.find((o) => o.isDefault) ?? existing[0];
  if (chosen === undefined) {
    const { organization, created } = await store.ensureDefaultOrganization();
    chosen = organization;
    // A first start without IDC_SYNC_ADMIN_TOKEN: a generated admin token, told once (start
    // writes it to a 0600 file in the data directory, never to the log).
    if (created && config.adminToken === undefined) {
      const { token } = await store.createToken(organization.id, { name: "admin", scope: "admin" });
      options.onAdminToken?.(token, organization);
    }
  }
  // IDC_SYNC_ADMIN_TOKEN is a bootstrap secret: it works on this install, and a new value
  // revokes the token the previous value registered.
  if (config.adminToken !== undefined) await store.ensureBootstrapToken(chosen.id, config.adminToken);
  return chosen;
}

/** Where the embedded scheduler runs syncs (AppOptions.syncIn). */
function embeddedSyncPlace(options: AppOptions): "thread" | "process" {
  const injected = options.store !== undefined || options.read !== undefined;
  if (options.syncIn === "thread" && injected) {
    throw new Error(
      "syncIn: thread needs the store the app opens itself and the real read: a thread cannot share an injected store or read",
    );
  }
  return options.syncIn ?? (injected ? "process" : "thread");
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const store =
    options.store ?? (await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  const logger = options.logger ?? { level: config.logLevel };
  let demo: Demo | null = null;
  let queueService: QueueService | null = null;
  let notifications: NotificationDispatch | null = null;
  try {
    const organization = await bootstrapOrganization(store, config, options);
    const mode = options.demo ?? "auto";
    const hasCredentials = await (options.detectCredentials ?? hasPlatformCredentials)();
    if (mode === "on" || (mode === "auto" && !hasCredentials)) demo = await startDemo(store, organization);
    // The one sync wiring (src/sync-wiring.ts): the demo connection, marked as such when it was
    // stored, signs with the demo's dummy credentials; every other one with the platform's own.
    const seams = {
      platformCredentials: options.platformCredentials,
      read: options.read,
      onProgress: (connectionId: string, p: SyncProgress) => scheduler.reportProgress(connectionId, p),
      endpointAllowlist: config.endpointAllowlist,
    };
    const platformOptions = platformSide(config, seams);
    const read = syncReader(config, seams);
    const timer = options.timer ?? systemTimer;
    const runner = new SyncRunner({
      store,
      read,
      now: () => new Date(timer.now()),
      ...(config.syncLeaseMs === undefined ? {} : { leaseMs: config.syncLeaseMs }),
      inactivityDays: config.inactivityDays,
    });

    // The server (and its logger) is built after the scheduler it serves: log through it once it exists.
    let log: SchedulerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const schedulerLog: SchedulerLogger = {
      info: (o, m) => log.info(o, m),
      warn: (o, m) => log.warn(o, m),
      error: (o, m) => log.error(o, m),
    };
    // On PostgreSQL syncs are jobs on the queue (pg-boss), each run in its own thread by a worker:
    // this process's own unless --no-worker, or any `idc-sync worker`.
    const usesQueue = config.databaseUrl !== undefined && isPostgresUrl(config.databaseUrl);
    const metrics = new Metrics(
      usesQueue
        ? {
            queueDepth: () =>
              queueService === null ? Promise.reject(new Error("no queue")) : queueService.queue.depth(),
          }
        : {},
    );
    queueService =
      usesQueue && config.databaseUrl !== undefined
        ? await startQueueService({
            connectionString: config.databaseUrl,
            settings: config.queue,
            worker: options.worker ?? true,
            workerConcurrency: config.queue.workerConcurrency,
            thread: {
              dataDir: config.dataDir,
              databaseUrl: config.databaseUrl,
              leaseMs: config.syncLeaseMs,
              app: config,
            },
            memoryMb: config.syncMemoryMb,
            store,
            timer,
            log: schedulerLog,
            metrics,
          })
        : null;
    // Sign-in history a sync could not read in its time (a first read is 90 days: hours at
    // scale) is read here in turns, by whichever process takes a connection's activity lease.
    const activity = new ActivityLoop({
      backfill: new ActivityBackfill({
        store,
        read: activityReader(config, {
          platformCredentials: options.platformCredentials,
          endpointAllowlist: config.endpointAllowlist,
          readActivity: options.readActivity,
        }),
        now: () => new Date(timer.now()),
        // The 90 days are read: a sync now evaluates the inactivity findings (not in hours).
        ...(options.syncWhenBackfilled === false
          ? {}
          : {
              onBackfilled: (orgId: string, connectionId: string) => {
                store
                  .getConnection(orgId, connectionId)
                  .then((c) => syncScheduler.syncNow(scheduleEntry(c)).claimed)
                  .catch(() => undefined);
              },
            }),
      }),
      log: schedulerLog,
      ...(options.activityPollMs === undefined ? {} : { pollMs: options.activityPollMs }),
    });
    const syncIn = embeddedSyncPlace(options);
    // A committed sync's events are in the outbox: deliver them now rather than at the next poll.
    const afterSync =
      (run: EmbeddedRunSync): EmbeddedRunSync =>
      async (entry, request) => {
        try {
          await run(entry, request);
        } finally {
          notifications?.kick();
          activity.kick();
        }
      };
    const scheduler: Scheduler = new Scheduler({
      timer,
      log: schedulerLog,
      runSync: afterSync(
        embeddedRunSync(
          syncIn === "process"
            ? { kind: "process", runner }
            : {
                kind: "thread",
                thread: {
                  config: {
                    dataDir: config.dataDir,
                    databaseUrl: config.databaseUrl,
                    leaseMs: config.syncLeaseMs,
                    app: config,
                  },
                  memoryMb: config.syncMemoryMb,
                  store,
                },
                platformCredentials: options.platformCredentials,
                getSyncRun: (orgId, runId) => store.getSyncRun(orgId, runId),
                onProgress: (connectionId, p) => scheduler.reportProgress(connectionId, p),
              },
          metrics,
        ),
      ),
    });

    let principal: Promise<PlatformPrincipal> | undefined;
    const platformPrincipal = (): Promise<PlatformPrincipal> => {
      const configured = config.platformPrincipalArn;
      if (configured !== undefined) return Promise.resolve({ arn: configured, problem: null });
      if (!hasCredentials) {
        return Promise.resolve({
          arn: null,
          problem:
            "idc-sync's own AWS principal is not known (the process has no AWS credentials, as in the demo). " +
            "Set IDC_SYNC_PLATFORM_PRINCIPAL_ARN to the ARN of the IAM role or user idc-sync runs as " +
            "(e.g. arn:aws:iam::123456789012:role/idc-sync) and restart; giving the process AWS credentials also works",
        });
      }
      principal ??= resolvePlatformPrincipalArn({ platformRoleArn: config.platformRoleArn }).then(
        (arn) => ({ arn, problem: null }),
        (err: unknown) => {
          principal = undefined;
          return { arn: null, problem: err instanceof Error ? err.message : String(err) };
        },
      );
      return principal;
    };

    notifications = await startNotificationDispatch({
      store,
      settings: config.notify,
      log: schedulerLog,
      boss: queueService?.queue.boss ?? null,
      worker: options.worker ?? true,
      ...(options.notify === undefined ? {} : { seams: options.notify }),
    });
    const dispatch = notifications;
    const syncScheduler: SyncScheduler = queueService?.scheduler ?? scheduler;
    const queue = queueService?.queue;
    const deps: HttpDeps = {
      store,
      scheduler: syncScheduler,
      metrics,
      ...(queue === undefined ? {} : { queueReachable: () => queue.ping() }),
      ...createChecks({ platformOptions, platformPrincipal, endpointAllowlist: config.endpointAllowlist }),
      platformPrincipal,
      version: packageVersion(),
      notify: { allowlist: config.notify.allowlist, kick: () => dispatch.kick() },
      endpointAllowlist: config.endpointAllowlist,
      sessionLimits: config.sessionLimits,
    };
    const server = await buildServer(deps, {
      logger,
      trustProxy: config.trustProxy,
      ...(options.authLimits === undefined ? {} : { authLimits: options.authLimits }),
      webRoot: options.webRoot === undefined ? join(packageRoot, "dist", "web") : options.webRoot,
    });
    log = server.log;
    if (!usesQueue) {
      server.log.info(
        { syncIn, memoryMb: syncIn === "thread" ? config.syncMemoryMb : null },
        syncIn === "thread"
          ? "each sync runs in its own worker thread"
          : "syncs run in the service's own thread (an injected store or read cannot be shared with a thread)",
      );
    }

    // Connections another process added, edited or deleted (e.g. `idc-sync connect`) join the
    // schedule at the next refresh.
    // Runs whose process died (their lease ran out) are marked failed on the same beat, so their
    // connections do not show "syncing" forever.
    const refreshSchedule = async (): Promise<void> => {
      await store.recoverStaleRuns();
      await syncScheduler.reconcile((await store.listAllConnections()).map(scheduleEntry));
    };
    await refreshSchedule();
    const refreshMs = options.refreshMs ?? config.scheduleTickMs;
    let closed = false;
    let refreshHandle: unknown;
    const armRefresh = (): void => {
      if (closed || refreshMs <= 0) return;
      refreshHandle = timer.setTimeout(() => {
        refreshSchedule()
          .catch((err: unknown) => server.log.warn({ err }, "could not refresh the sync schedule"))
          .finally(armRefresh);
      }, refreshMs);
    };
    armRefresh();
    activity.start();

    const closeAll = async (): Promise<void> => {
      closed = true;
      timer.clearTimeout(refreshHandle);
      await activity.stop();
      await scheduler.stop();
      await notifications?.close();
      // Aborts this process's running sync jobs (nothing committed); their jobs go back to the queue.
      await queueService?.close();
      await server.close();
      await demo?.close();
      if (options.store === undefined) await store.close();
    };
    return {
      server,
      store,
      scheduler,
      syncScheduler,
      queue: queueService,
      notifications: dispatch,
      metrics,
      runner,
      activity,
      organization,
      demo,
      listen: async (port, host = "0.0.0.0") => server.listen({ port, host }),
      refreshSchedule,
      close: closeAll,
    };
  } catch (err) {
    await notifications?.close().catch(() => undefined);
    await queueService?.close().catch(() => undefined);
    await demo?.close();
    if (options.store === undefined) await store.close();
    throw err;
  }
}
