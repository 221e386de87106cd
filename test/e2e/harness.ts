// The end-to-end world: the web app built from source into a temp folder, the whole service
// (createApp) on SQLite serving it, three small sandbox organizations each read through the real
// connector, and one headless Chromium (Debian's, never a downloaded build).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
import { readIdentityCenter } from "../../src/connectors/aws-identity-center/index.js";
import type { Connection } from "../../src/domain/connection.js";
import type { ReadFn } from "../../src/engine/sync-runner.js";
import { startSandbox, type GenerateOptions, type Sandbox } from "../../src/sandbox/index.js";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const SCREENSHOTS = join(process.cwd(), "test-results", "e2e");
export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/** Any key the sandbox did not issue signs as the platform principal. */
const PLATFORM_CREDENTIALS = { accessKeyId: "AKIAIDCSYNCE2ETEST00", secretAccessKey: "not-a-secret" };
const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";

export interface E2eWorld {
  url: string;
  token: string;
  app: App;
  /** Keyed by name: "first" and "second" are healthy, "denied" lacks identitystore:ListUsers. */
  sandboxes: Record<"first" | "second" | "denied", Sandbox>;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves a PNG under test-results/e2e/ (full page unless a dialog is open: it covers the viewport). */
  shot(name: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

export const DENIED_ACTION = "identitystore:ListUsers";

const WORLDS: Record<keyof E2eWorld["sandboxes"], GenerateOptions> = {
  first: { seed: 11, users: 24, groups: 4, accounts: 3, permissionSets: 3 },
  second: { seed: 22, users: 9, groups: 2, accounts: 2, permissionSets: 2, region: "eu-west-1" },
  denied: { seed: 33, users: 5, groups: 1, accounts: 1, permissionSets: 1 },
};

export async function startE2eWorld(): Promise<E2eWorld> {
  const dir = await mkdtemp(join(tmpdir(), "idc-sync-e2e-"));
  const webRoot = join(dir, "web");
  // The app as CI ships it, built from the current sources (not a possibly stale dist/web).
  await build({
    configFile: join(process.cwd(), "vite.config.ts"),
    logLevel: "error",
    build: { outDir: webRoot },
  });

  // Connections reach the sandbox that serves their identity store (the values typed in the UI
  // carry no endpoint, as in production).
  const byStore = new Map<string, Sandbox>();
  const read: ReadFn = (connection: Connection, organization, signal) => {
    const sandbox = byStore.get(connection.values.identityStoreId);
    if (sandbox === undefined) throw new Error(`no sandbox serves ${connection.values.identityStoreId}`);
    return readIdentityCenter({
      values: connection.values,
      externalId: organization.externalId,
      connectionId: connection.id,
      signal,
      endpointUrl: sandbox.url,
      platformCredentials: PLATFORM_CREDENTIALS,
      maxAttempts: 2,
    });
  };
  const config = parseConfig({ IDC_SYNC_DATA_DIR: join(dir, "data"), IDC_SYNC_ADMIN_TOKEN: ADMIN_TOKEN });
  const app = await createApp(config, {
    demo: "off",
    logger: false,
    read,
    webRoot,
    detectCredentials: () => Promise.resolve(false),
  });
  const opened: Sandbox[] = [];
  let browser: Browser | undefined;
  try {
    const sandboxes = {} as E2eWorld["sandboxes"];
    for (const [name, generate] of Object.entries(WORLDS) as [
      keyof E2eWorld["sandboxes"],
      GenerateOptions,
    ][]) {
      const sandbox = await startSandbox({
        generate,
        host: "127.0.0.1",
        trust: { externalId: app.organization.externalId },
        ...(name === "denied" ? { faults: { deniedActions: [DENIED_ACTION] } } : {}),
      });
      opened.push(sandbox);
      sandboxes[name] = sandbox;
      byStore.set(sandbox.world.instance.IdentityStoreId, sandbox);
    }
    const url = (await app.listen(0, "127.0.0.1")).replace("0.0.0.0", "127.0.0.1");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Reduced motion: no transitions, so screenshots never catch a drawer half-way.
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce" });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await mkdir(SCREENSHOTS, { recursive: true });
    const b = browser;
    return {
      url,
      token: ADMIN_TOKEN,
      app,
      sandboxes,
      browser: b,
      context,
      page,
      shot: async (name, p = page) => {
        const modal = await p.locator("dialog[open]").count();
        await p.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: modal === 0 });
      },
      close: async () => {
        await b.close();
        await app.close();
        await Promise.all(opened.map((s) => s.close()));
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    await app.close();
    await Promise.all(opened.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The values a customer would copy from the sandbox organization's IAM Identity Center settings. */
export function valuesOf(sandbox: Sandbox): {
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
} {
  const v = sandbox.connectValues();
  return {
    roleArn: v.roleArn,
    region: v.region,
    identityStoreId: v.identityStoreId,
    instanceArn: v.instanceArn,
  };
}
