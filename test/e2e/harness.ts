// The end-to-end world: the web app built from source into a temp folder, the whole service
// (createApp) on SQLite serving it, three small sandbox organizations read through the real
// connector and checked by the real connect-time checks (the platform credentials given to
// createApp sign both), and one headless Chromium (Debian's, never a downloaded build).
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { build } from "vite";
import { createApp, type App } from "../../src/app.js";
import { parseConfig } from "../../src/config.js";
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
const PLATFORM_CREDENTIALS = () =>
  Promise.resolve({ accessKeyId: "AKIAIDCSYNCE2ETEST00", secretAccessKey: "not-a-secret" });
const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdefghijklmnopqrstuvwxyz";

export interface E2eWorld {
  url: string;
  token: string;
  app: App;
  /** Keyed by name: "first" and "second" stay healthy; the tests take actions away from "restricted". */
  sandboxes: Record<"first" | "second" | "restricted", Sandbox>;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every Content-Security-Policy violation a page of `context` (or one watchCsp was given) reported. */
  cspViolations: string[];
  /** Records `other`'s CSP violations too (e.g. a phone-sized context). */
  watchCsp(other: BrowserContext): void;
  /** Saves a PNG under test-results/e2e/ (full page unless a dialog is open: it covers the viewport). */
  shot(name: string, page?: Page): Promise<void>;
  close(): Promise<void>;
}

/** A required action, and an optional one, the tests deny in the "restricted" sandbox. */
export const DENIED_ACTION = "identitystore:ListUsers";
export const OPTIONAL_ACTION = "organizations:ListTagsForResource";

const WORLDS: Record<keyof E2eWorld["sandboxes"], GenerateOptions> = {
  first: { seed: 11, users: 24, groups: 4, accounts: 3, permissionSets: 3 },
  second: { seed: 22, users: 9, groups: 2, accounts: 2, permissionSets: 2, region: "eu-west-1" },
  restricted: { seed: 33, users: 5, groups: 1, accounts: 1, permissionSets: 1 },
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

  const config = parseConfig({
    IDC_SYNC_DATA_DIR: join(dir, "data"),
    IDC_SYNC_ADMIN_TOKEN: ADMIN_TOKEN,
    IDC_SYNC_ENDPOINT_ALLOWLIST: "127.0.0.1:*",
    // Notifications to a local receiver (web.test.ts, the Settings page).
    IDC_SYNC_WEBHOOK_ALLOWLIST: "127.0.0.1:*",
  });
  const app = await createApp(config, {
    demo: "off",
    logger: false,
    platformCredentials: PLATFORM_CREDENTIALS,
    webRoot,
    detectCredentials: () => Promise.resolve(false),
    // The sync the service starts once a connection's sign-in history is read would race the
    // tests' own "Sync now" (test/api/activity-backfilled.test.ts tests it).
    syncWhenBackfilled: false,
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
      });
      opened.push(sandbox);
      sandboxes[name] = sandbox;
    }
    const url = (await app.listen(0, "127.0.0.1")).replace("0.0.0.0", "127.0.0.1");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Reduced motion: no transitions, so screenshots never catch a drawer half-way.
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: "reduce" });
    // The app must run under its Content-Security-Policy: Chromium reports each refusal on the console.
    const cspViolations: string[] = [];
    const watchCsp = (c: BrowserContext): void => {
      c.on("console", (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
    };
    watchCsp(context);
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
      cspViolations,
      watchCsp,
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

/**
 * The values a customer would copy from the sandbox organization's IAM Identity Center settings,
 * and the sandbox's address for the form's advanced Endpoint URL.
 */
export function valuesOf(sandbox: Sandbox): {
  roleArn: string;
  region: string;
  identityStoreId: string;
  instanceArn: string;
  endpointUrl: string;
} {
  const v = sandbox.connectValues();
  return {
    roleArn: v.roleArn,
    region: v.region,
    identityStoreId: v.identityStoreId,
    instanceArn: v.instanceArn,
    endpointUrl: sandbox.url,
  };
}
