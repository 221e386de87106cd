// `idc-sync start`: serves the OpenAPI document and, without AWS credentials (or with --demo),
// the demo connection reaches `connected` on its own; SIGTERM stops it cleanly.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { checkCommand } from "../../src/cli/check-command.js";
import { startCommand } from "../../src/cli/start-command.js";
import { parseConfig } from "../../src/config.js";
import { DEMO_CONNECTION_NAME } from "../../src/demo.js";
import { checkResultSchema, connectionListResponse, type Connection } from "../../src/http/api-contract.js";

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-start-"));
  dirs.push(dir);
  return dir;
}

/** Resolves with the error (or undefined) of the connection's next run. */
function nextRun(app: App, connectionId: string): Promise<unknown> {
  return new Promise((resolve) => {
    const listener = (id: string, err: unknown) => {
      if (id !== connectionId) return;
      app.scheduler.events.off("settled", listener);
      resolve(err);
    };
    app.scheduler.events.on("settled", listener);
  });
}

async function getJson(url: string, token?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: await res.json() };
}

describe("createApp in demo mode", () => {
  it("serves the API and syncs the demo connection, touching nothing else", async () => {
    const dir = tempDir();
    const envBefore = JSON.stringify(Object.entries(process.env).filter(([k]) => k.startsWith("AWS_")));
    const config = parseConfig({
      IDC_SYNC_DATA_DIR: dir,
      IDC_SYNC_ADMIN_TOKEN: "idcs_chosen-admin-token-for-tests",
    });
    const tokens: string[] = [];
    const app = await createApp(config, {
      logger: false,
      webRoot: null,
      detectCredentials: () => Promise.resolve(false),
      onAdminToken: (t) => tokens.push(t),
    });
    apps.push(app);
    // The operator chose the token: nothing generated, nothing to tell (issue 13, L10).
    expect(tokens).toEqual([]);
    const demoId = app.demo?.connectionId ?? "";
    expect(demoId).not.toBe("");
    const firstRun = nextRun(app, demoId);
    const url = await app.listen(0, "127.0.0.1");

    const openapi = await getJson(`${url}/api/openapi.json`);
    expect(openapi.status).toBe(200);
    expect((openapi.body as { openapi: string }).openapi).toBe("3.1.0");

    expect(await firstRun).toBeUndefined();
    const list = await getJson(`${url}/api/connections`, "idcs_chosen-admin-token-for-tests");
    const demo = connectionListResponse.parse(list.body).items.find((c) => c.id === demoId);
    expect(demo).toMatchObject({ name: DEMO_CONNECTION_NAME, state: "connected", demo: true });
    expect(demo?.counts?.users).toBeGreaterThan(0);

    // Another connection keeps the SDK's own endpoint resolution; the process environment is untouched.
    const other = await app.store.createConnection(app.organization.id, {
      values: {
        roleArn: "arn:aws:iam::123456789012:role/IdcSyncReadOnly",
        region: "eu-west-1",
        identityStoreId: "d-1234567890",
        instanceArn: "arn:aws:sso:::instance/ssoins-1234567890abcdef",
      },
    });
    expect(other.endpointUrl).toBeNull();
    expect((await app.store.getConnection(app.organization.id, demoId)).endpointUrl).toBe(
      app.demo?.endpointUrl,
    );
    expect(JSON.stringify(Object.entries(process.env).filter(([k]) => k.startsWith("AWS_")))).toBe(envBefore);
  });

  it("on restart reuses the demo connection at the new sandbox address; --no-demo starts none", async () => {
    const dir = tempDir();
    const config = parseConfig({ IDC_SYNC_DATA_DIR: dir });
    const tokens: string[] = [];
    const options = {
      logger: false as const,
      webRoot: null,
      detectCredentials: () => Promise.resolve(false),
      onAdminToken: (t: string) => tokens.push(t),
    };
    const first = await createApp(config, options);
    const firstId = first.demo?.connectionId;
    const firstUrl = first.demo?.endpointUrl;
    await first.close();

    const second = await createApp(config, options);
    apps.push(second);
    expect(tokens).toHaveLength(1);
    expect(second.demo?.connectionId).toBe(firstId);
    const conns = await second.store.listConnections(second.organization.id);
    expect(conns).toHaveLength(1);
    expect(conns[0]?.endpointUrl).toBe(second.demo?.endpointUrl);
    expect(second.demo?.endpointUrl).not.toBe(firstUrl);
    await second.close();
    apps.pop();

    // IDC_SYNC_ADMIN_TOKEN set on a later start becomes a working token of the same organization.
    const chosen = "idcs_set-later-through-the-environment";
    const off = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: dir, IDC_SYNC_ADMIN_TOKEN: chosen }), {
      ...options,
      demo: "off",
    });
    apps.push(off);
    expect(off.demo).toBeNull();
    expect(tokens).toHaveLength(1);
    expect((await off.store.findOrganizationByToken(chosen))?.id).toBe(off.organization.id);
  });

  it("checks the demo connection against its sandbox, through the API and `idc-sync check`, without AWS credentials", async () => {
    const dir = tempDir();
    const app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: dir }), {
      logger: false,
      webRoot: null,
      demo: "on",
      detectCredentials: () => Promise.resolve(false),
      onAdminToken: () => undefined,
    });
    apps.push(app);
    await app.scheduler.stop();
    // No AWS credentials anywhere: the demo's own dummy credentials are all the checks may use.
    const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith("AWS_")));
    for (const k of Object.keys(saved)) Reflect.deleteProperty(process.env, k);
    Object.assign(process.env, {
      AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-credentials"),
      AWS_CONFIG_FILE: join(dir, "no-config"),
      AWS_EC2_METADATA_DISABLED: "true",
    });
    try {
      const { token } = await app.store.createApiToken(app.organization.id, "test");
      const res = await app.server.inject({
        method: "POST",
        url: `/api/connections/${app.demo?.connectionId ?? ""}/check`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      const report = checkResultSchema.parse(JSON.parse(res.body));
      expect(report.blocking).toBe(false);
      expect(report.checks.find((c) => c.action === "sts:AssumeRole")?.ok).toBe(true);

      const stdout = new PassThrough();
      let out = "";
      stdout.on("data", (c: Buffer) => (out += c.toString()));
      const code = await checkCommand([DEMO_CONNECTION_NAME, "--json"], {
        config: parseConfig({ IDC_SYNC_DATA_DIR: dir }),
        stdout,
        stderr: new PassThrough(),
        interactive: false,
        stopSignal: new AbortController().signal,
      });
      expect(code, out).toBe(0);
      const cli = JSON.parse(out) as { blocking: boolean; checks: { action: string; ok: boolean }[] };
      expect(cli.blocking).toBe(false);
      expect(cli.checks.find((c) => c.action === "sts:AssumeRole")?.ok).toBe(true);
    } finally {
      for (const k of ["AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED"]) {
        Reflect.deleteProperty(process.env, k);
      }
      Object.assign(process.env, saved);
    }
  });

  it("serves the built web app at /", async () => {
    const web = tempDir();
    writeFileSync(join(web, "index.html"), "<!doctype html><title>idc-sync web</title>");
    const app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: tempDir() }), {
      logger: false,
      webRoot: web,
      demo: "off",
      detectCredentials: () => Promise.resolve(true),
    });
    apps.push(app);
    const page = await app.server.inject({ method: "GET", url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("idc-sync web");
    const unbuilt = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: tempDir() }), {
      logger: false,
      webRoot: tempDir(),
      demo: "off",
      detectCredentials: () => Promise.resolve(true),
    });
    apps.push(unbuilt);
    const hint = await unbuilt.server.inject({ method: "GET", url: "/" });
    expect(hint.body).toContain("npm run build");
  });

  it("auto mode with AWS credentials starts no demo", async () => {
    const app = await createApp(parseConfig({ IDC_SYNC_DATA_DIR: tempDir() }), {
      logger: false,
      webRoot: null,
      detectCredentials: () => Promise.resolve(true),
    });
    apps.push(app);
    expect(app.demo).toBeNull();
    expect(await app.store.listConnections(app.organization.id)).toEqual([]);
  });
});

/** Collects what a command writes; `waitFor` resolves when the output matches. */
class Capture extends Writable {
  text = "";
  private waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const w of [...this.waiters]) {
      const m = this.text.match(w.re);
      if (m !== null) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
    done();
  }
  waitFor(re: RegExp): Promise<RegExpMatchArray> {
    const m = this.text.match(re);
    if (m !== null) return Promise.resolve(m);
    return new Promise((resolve) => this.waiters.push({ re, resolve }));
  }
}

describe("idc-sync start --port 0 --demo", () => {
  it("writes the admin token once to a 0600 file (not to a non-terminal stdout), serves /api/openapi.json, syncs the demo and stops on SIGTERM", async () => {
    const dir = tempDir();
    const stdout = new Capture();
    const stderr = new Capture();
    const stop = new AbortController();
    const exit = startCommand(["--port", "0", "--host", "127.0.0.1", "--demo"], {
      config: parseConfig({ IDC_SYNC_DATA_DIR: dir, LOG_LEVEL: "silent" }),
      stdout,
      stderr,
      interactive: false,
      stopSignal: stop.signal,
    });
    const [, url] = await Promise.race<RegExpMatchArray>([
      stdout.waitFor(/running at (http:\/\/\S+)/),
      exit.then((code) => {
        throw new Error(`start exited with ${code}: ${stderr.text}`);
      }),
    ]);
    // Issue 13, L10: stdout is not a terminal here (a service's log): the token is only in the file.
    const file = join(dir, "admin-token.txt");
    expect(stdout.text).toContain(file);
    expect(stdout.text).not.toMatch(/idcs_/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, "utf8").trim();
    expect(token).toMatch(/^idcs_/);

    const openapi = await getJson(`${url}/api/openapi.json`);
    expect(openapi.status).toBe(200);

    // Wait for the demo's first sync by asking the API; bounded, each round awaits the server.
    let demo: Connection | undefined;
    for (let i = 0; i < 5_000 && demo?.state !== "connected"; i++) {
      const res = await getJson(`${url}/api/connections`, token);
      demo = connectionListResponse.parse(res.body).items.find((c) => c.demo);
      expect(demo?.state).not.toBe("error");
    }
    expect(demo?.state).toBe("connected");

    stop.abort();
    expect(await exit).toBe(0);
    expect(`${stdout.text}${stderr.text}`).not.toMatch(/idcs_/);
    await expect(fetch(`${url}/api/openapi.json`)).rejects.toThrow();
  });

  it("rejects bad flags with a usage error", async () => {
    const stderr = new Capture();
    const code = await startCommand(["--port", "http"], {
      config: parseConfig({}),
      stdout: new Capture(),
      stderr,
      interactive: false,
      stopSignal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(stderr.text).toMatch(/--port/);
  });
});
