// The API tests' world: the whole app (createApp) on SQLite in a temp dir, two organizations, and
// one sandbox per organization (the same generated data, each trusting its organization's external
// id), read through the real connector. Connections are made through the API, so the connect-time
// checks run for real against the sandbox with the platform credentials given to createApp.
// Syncs are driven through the scheduler, whose timer is manual; `gate` holds every read before
// it starts and `readDone` after AWS answered, until the test releases them.
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type App, type AppOptions, type AppReadFn } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { readActivityOnly, readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import { RequestBudget } from "../../src/aws-calls/request-budget.js";
import type { HttpLoggerOptions } from "../../src/http/server.js";
import { ManualTimer } from "../../src/scheduler/timer.js";
import { startSandbox, type GenerateOptions, type Sandbox } from "../../src/sandbox/index.js";
import { openStore } from "../../src/store/open-store.js";
import type { FullStore, Store } from "../../src/store/store.js";

/** Holds reads until released: `waiting()` resolves once a read is parked at the gate. */
export class Gate {
  private open: Promise<void> = Promise.resolve();
  private opener: (() => void) | undefined;
  private parked: (() => void) | undefined;
  private parkedPromise = new Promise<void>((r) => (this.parked = r));

  hold(): void {
    this.open = new Promise<void>((r) => (this.opener = r));
  }

  release(): void {
    this.opener?.();
    this.open = Promise.resolve();
  }

  waiting(): Promise<void> {
    return this.parkedPromise;
  }

  /** Called by the read: waits while held, or fails with the abort reason. */
  async pass(signal: AbortSignal): Promise<void> {
    this.parked?.();
    this.parkedPromise = new Promise<void>((r) => (this.parked = r));
    await Promise.race([
      this.open,
      new Promise<never>((_, reject) => {
        if (signal.aborted) reject(signal.reason as Error);
        signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
      }),
    ]);
  }
}

/** Any key the sandbox did not issue signs as the platform principal. */
export const PLATFORM_CREDENTIALS = () =>
  Promise.resolve({ accessKeyId: "AKIAIDCSYNCAPITEST01", secretAccessKey: "api-test-not-a-secret" });

export interface World {
  app: App;
  store: Store;
  /** Organization A's AWS organization (its role trusts A's external id). */
  sandbox: Sandbox;
  /** Organization B's: the same data, its role trusting B's external id. */
  sandboxB: Sandbox;
  timer: ManualTimer;
  gate: Gate;
  /** Holds a read after AWS answered and before the runner commits (the run is still syncing). */
  readDone: Gate;
  tokenA: string;
  tokenB: string;
  orgA: string;
  orgB: string;
  close(): Promise<void>;
}

export async function startWorld(
  generate: GenerateOptions = { users: 30, groups: 5, accounts: 4 },
  logger: HttpLoggerOptions | false = false,
  env: Record<string, string> = { IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*" },
  /** Another store than the SQLite default (e.g. PostgreSQL), given the test's clock. */
  openTestStore?: (now: () => Date) => Promise<FullStore>,
  /** More createApp options (e.g. authLimits). */
  appOptions: Pick<AppOptions, "authLimits" | "syncWhenBackfilled"> = {},
): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-api-"));
  const timer = new ManualTimer(Date.now());
  // One clock for the store, the runner and the scheduler: the test's.
  const now = () => new Date(timer.now());
  const store =
    openTestStore === undefined
      ? await openStore({ sqliteFile: join(dir, "test.db"), now })
      : await openTestStore(now);
  const gate = new Gate();
  const readDone = new Gate();
  // The app's own sync wiring builds the read options; the test holds the read at two gates.
  const read: AppReadFn = async (options) => {
    const signal = options.signal ?? new AbortController().signal;
    await gate.pass(signal);
    if (options.endpointUrl === undefined) {
      throw new Error(`connection ${options.connectionId} names no sandbox: give it an endpointUrl`);
    }
    // The sandbox is local: no need to pace calls below AWS's quotas.
    const result = await readIdentityCenter({ ...options, budget: new RequestBudget({ enabled: false }) });
    await readDone.pass(signal);
    return result;
  };
  let tokenA = "";
  const app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: dir, ...env }), {
    store,
    read,
    platformCredentials: PLATFORM_CREDENTIALS,
    timer,
    demo: "off",
    refreshMs: 0,
    logger,
    webRoot: null,
    detectCredentials: () => Promise.resolve(false),
    onAdminToken: (token) => (tokenA = token),
    readActivity: (options) =>
      readActivityOnly({ ...options, budget: new RequestBudget({ enabled: false }) }),
    // A sync of its own would race the tests' syncs: activity-backfilled.test.ts turns it on.
    syncWhenBackfilled: false,
    ...appOptions,
  });
  const orgB = await store.createOrganization("Organization B");
  const { token: tokenB } = await store.createApiToken(orgB.id, "admin");
  const sandbox = await startSandbox({ generate, trust: { externalId: app.organization.externalId } });
  const sandboxB = await startSandbox({ generate, trust: { externalId: orgB.externalId } });
  return {
    app,
    store,
    sandbox,
    sandboxB,
    timer,
    gate,
    readDone,
    tokenA,
    tokenB,
    orgA: app.organization.id,
    orgB: orgB.id,
    async close() {
      // Tests may have closed the app already (a stop is what they test); closing twice is harmless.
      await app.close();
      await store.close();
      await sandbox.close();
      await sandboxB.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sandbox's connection values, as the API takes them (the four AWS values). */
export function sandboxValues(sandbox: Sandbox) {
  const v = sandbox.connectValues();
  return {
    roleArn: v.roleArn,
    region: v.region,
    identityStoreId: v.identityStoreId,
    instanceArn: v.instanceArn,
  };
}

/** The body that connects a sandbox: its values and its address as the advanced endpoint. */
export function connectBody(sandbox: Sandbox, name?: string) {
  return { ...sandboxValues(sandbox), endpointUrl: sandbox.url, ...(name === undefined ? {} : { name }) };
}

export interface Reply {
  status: number;
  body: unknown;
  headers: Record<string, unknown>;
}

export async function call(
  world: World,
  method: "GET" | "POST" | "PATCH" | "DELETE",
  url: string,
  options: { token?: string | null; body?: unknown; cookie?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? world.tokenA}`;
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  const res = await world.app.server.inject({
    method,
    url,
    headers,
    ...(options.body === undefined ? {} : { payload: options.body as object }),
  });
  return {
    status: res.statusCode,
    body: res.body === "" ? undefined : (JSON.parse(res.body) as unknown),
    headers: res.headers,
  };
}

/** Waits for the next settled run of a connection (the scheduler's event, no polling). */
export function settled(world: World, connectionId: string): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (id: string, err: unknown) => {
      if (id !== connectionId) return;
      world.app.scheduler.events.off("settled", listener);
      resolve(err);
    };
    world.app.scheduler.events.on("settled", listener);
  });
}

/** Creates a connection through the API (to the token's organization's sandbox) and waits for its first sync. */
/**
 * Waits until the app's backfill turns have read the connection's 90 days of sign-in history
 * (a sync reads only what its identity read leaves time for).
 */
export async function historyRead(world: World, orgId: string, connectionId: string): Promise<void> {
  for (;;) {
    const next = once(world.app.activity.events, "turn");
    const state = await world.store.getActivityState(orgId, connectionId);
    if (
      state.state !== "available" ||
      (state.coverage?.backfilled === true && state.stats?.pending === false)
    )
      return;
    world.app.activity.kick();
    await next;
  }
}

export async function connectAndSync(world: World, token: string, name: string): Promise<string> {
  const sandbox = token === world.tokenB ? world.sandboxB : world.sandbox;
  const created = await call(world, "POST", "/api/connections", { token, body: connectBody(sandbox, name) });
  if (created.status !== 201) throw new Error(`connect failed: ${JSON.stringify(created.body)}`);
  const id = (created.body as { id: string }).id;
  const done = settled(world, id);
  world.timer.advance(0);
  const err = await done;
  if (err !== undefined) throw new Error(`first sync failed: ${(err as Error).message}`);
  return id;
}
