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
import { IdcSyncError } from "./domain/errors.js";
import type { ReadResult } from "./domain/model.js";
import type { Organization } from "./domain/organization.js";
import { SyncRunner } from "./engine/sync-runner.js";
import { createChecks } from "./http/checks.js";
import type { AuthLimits } from "./http/auth-limit.js";
import type { HttpDeps, PlatformPrincipal } from "./http/deps.js";
import { scheduleEntry } from "./http/schedule-entry.js";
import { buildServer, type HttpLoggerOptions } from "./http/server.js";
import { Scheduler, type SchedulerLogger, type SyncProgress } from "./scheduler/scheduler.js";
import { systemTimer, type Timer } from "./scheduler/timer.js";
import { resolvePlatformPrincipalArn } from "./connectors/aws-identity-center/setup/platform-principal.js";
import { openStore } from "./store/open-store.js";
import { platformSide, syncReader } from "./sync-wiring.js";
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
}

export interface App {
  server: FastifyInstance;
  store: FullStore;
  scheduler: Scheduler;
  runner: SyncRunner;
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

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const store =
    options.store ?? (await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }));
  const logger = options.logger ?? { level: config.logLevel };
  let demo: Demo | null = null;
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
    };
    const platformOptions = platformSide(config, seams);
    const read = syncReader(config, seams);
    const timer = options.timer ?? systemTimer;
    const runner = new SyncRunner({
      store,
      read,
      now: () => new Date(timer.now()),
      ...(config.syncLeaseMs === undefined ? {} : { leaseMs: config.syncLeaseMs }),
    });

    // The server (and its logger) is built after the scheduler it serves: log through it once it exists.
    let log: SchedulerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const scheduler = new Scheduler({
      timer,
      log: {
        info: (o, m) => log.info(o, m),
        warn: (o, m) => log.warn(o, m),
        error: (o, m) => log.error(o, m),
      },
      runSync: async (entry, request) => {
        // "Sync now" answers once the run is claimed (or failed to be).
        const run = await runner.run(entry.organizationId, entry.id, {
          force: request.force,
          signal: request.signal,
          onClaimed: request.onClaimed,
        });
        if (run.state !== "succeeded") {
          throw new IdcSyncError(run.error?.code ?? run.state, run.error?.message ?? `sync ${run.state}`);
        }
      },
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

    const deps: HttpDeps = {
      store,
      scheduler,
      ...createChecks({ platformOptions, platformPrincipal }),
      platformPrincipal,
      version: packageVersion(),
      allowEndpointUrl: config.allowEndpointUrl,
      sessionLimits: config.sessionLimits,
    };
    const server = await buildServer(deps, {
      logger,
      trustProxy: config.trustProxy,
      ...(options.authLimits === undefined ? {} : { authLimits: options.authLimits }),
      webRoot: options.webRoot === undefined ? join(packageRoot, "dist", "web") : options.webRoot,
    });
    log = server.log;

    // Connections another process added, edited or deleted (e.g. `idc-sync connect`) join the
    // schedule at the next refresh.
    // Runs whose process died (their lease ran out) are marked failed on the same beat, so their
    // connections do not show "syncing" forever.
    const refreshSchedule = async (): Promise<void> => {
      await store.recoverStaleRuns();
      await scheduler.reconcile((await store.listAllConnections()).map(scheduleEntry));
    };
    await refreshSchedule();
    const refreshMs = options.refreshMs ?? 60_000;
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

    const closeAll = async (): Promise<void> => {
      closed = true;
      timer.clearTimeout(refreshHandle);
      await scheduler.stop();
      await server.close();
      await demo?.close();
      if (options.store === undefined) await store.close();
    };
    return {
      server,
      store,
      scheduler,
      runner,
      organization,
      demo,
      listen: async (port, host = "0.0.0.0") => server.listen({ port, host }),
      refreshSchedule,
      close: closeAll,
    };
  } catch (err) {
    await demo?.close();
    if (options.store === undefined) await store.close();
    throw err;
  }
}
