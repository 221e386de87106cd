// The README, run as written (issue 17's acceptance and defect 1): the quick start's `npm start`,
// the sandbox walkthrough's commands line by line with the built CLI in a clean directory, and
// every command of the CLI synopsis against its own --help. The only substitutions: `npx
// idc-sync` runs this checkout's bin/idc-sync.js, and the sandbox's port 4566 becomes a free one
// (the machine may run other sandboxes). Needs `npm run build` first, as the other CLI suites.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "bin", "idc-sync.js");
const README = readFileSync(join(ROOT, "README.md"), "utf8");

/** The body of the README section that starts with `heading`. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const next = README.indexOf("\n## ", start + heading.length + 2);
  return README.slice(start, next === -1 ? undefined : next);
}

/** The lines of each fenced block (```sh or plain ```) of a section. */
function blocks(text: string): string[][] {
  return [...text.matchAll(/```(?:sh)?\n([\s\S]*?)```/g)].map((m) =>
    (m[1] ?? "").split("\n").filter((l) => l.trim() !== ""),
  );
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/** A clean environment: no AWS credentials or endpoints of the caller's, no data location. */
function cleanEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith("AWS_") && !k.startsWith("IDC_SYNC_") && k !== "DATABASE_URL" && k !== "PORT")
      env[k] = v;
  }
  return {
    ...env,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SHARED_CREDENTIALS_FILE: join(dir, "no-aws-credentials"),
    AWS_CONFIG_FILE: join(dir, "no-aws-config"),
    LOG_LEVEL: "silent",
    ...extra,
  };
}

/** Resolves with the process's stdout once it matches `re`; rejects when it exits first. */
function waitForOutput(child: ChildProcess, re: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      if (re.test(out)) done(out);
    });
    child.stderr?.on("data", (b: Buffer) => (err += b.toString()));
    child.once("exit", (code) => fail(new Error(`exited with ${code} before ${re}: ${out}${err}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once("exit", (code) => done(code));
  });
}

let dir: string;
let port: number;
let sandbox: ChildProcess | undefined;
let printed = "";
const npx = (line: string) => line.replaceAll("npx idc-sync", `node ${BIN}`).replaceAll(":4566", `:${port}`);

/** Runs shell lines with bash in the walkthrough's directory (the sandbox's exports included). */
function sh(lines: string[], extra: Record<string, string> = {}) {
  const r = spawnSync("bash", ["-euo", "pipefail", "-c", lines.map(npx).join("\n")], {
    cwd: dir,
    env: cleanEnv(dir, extra),
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  expect(existsSync(join(ROOT, "dist", "main.js")), "run `npm run build` first").toBe(true);
  dir = mkdtempSync(join(tmpdir(), "idc-sync-readme-"));
  port = await freePort();
});

afterAll(async () => {
  if (sandbox !== undefined && sandbox.exitCode === null) {
    sandbox.kill("SIGTERM");
    await exited(sandbox);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("README: Try it on the sandbox", () => {
  const [first, second, third] = blocks(section("## Try it on the sandbox"));

  it("has the three blocks the walkthrough describes", () => {
    expect(first).toEqual(["npx idc-sync org create Acme", "npx idc-sync sandbox --org Acme"]);
    expect(second?.length).toBeGreaterThan(3);
    expect(third?.length).toBe(3);
  });

  it("first shell: creates the organization and starts the sandbox, which prints the README's values", async () => {
    const created = sh([first?.[0] ?? ""]);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/External id: +idcs-/);
    const [cmd, ...args] = npx(`${first?.[1] ?? ""} --port ${port}`).split(" ");
    sandbox = spawn(cmd ?? "node", args, { cwd: dir, env: cleanEnv(dir), stdio: ["ignore", "pipe", "pipe"] });
    printed = await waitForOutput(sandbox, /Ctrl-C stops/);
    expect(printed).toContain("(organization Acme)");
    // Every value the README's second block uses is one the sandbox printed.
    for (const line of second ?? []) {
      for (const value of line.match(/arn:aws:\S+|d-[0-9a-f]{10}/g) ?? []) expect(printed).toContain(value);
    }
    expect(printed).toContain(`idc-sync connect --org Acme --name Sandbox`);
  });

  it("second shell: connects, syncs and reads, exactly as written", () => {
    const r = sh(second ?? []);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("Connected: Sandbox");
    expect(r.out).toMatch(/Sandbox \(.+\): succeeded/);
    expect(r.out).toMatch(/USER NAME +DISPLAY NAME +EMAIL +STATUS +LICENSE/);
    expect(r.out).toContain("50 users: ");
    expect(r.out).toMatch(/^ACCOUNT\s+PERMISSION SET\s+USERS/m);
    expect(r.out).toContain("ready to connect");
    const id = /^Id: +(\S+)$/m.exec(r.out)?.[1];
    expect(existsSync(join(dir, `export-${id}`, "users.csv"))).toBe(true);
    // `.gitignore` keeps such an export out of a commit (defect 13).
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8")).toMatch(/^export-\*\/$/m);
  });

  it("changes the sandbox and shows the change, exactly as written", () => {
    const exports = (second ?? []).filter((l) => l.startsWith("export "));
    const r = sh([...exports, ...(third ?? [])]);
    expect(r.code, `${r.out}\n${r.err}`).toBe(0);
    expect(r.out).toContain('"ok":true');
    expect(r.out).toMatch(/user\.added.*new\.person/);
  });

  it("fits `users` to the terminal, and prints every cell with --wide (defect 8)", async () => {
    const long = `Dr. ${"Maximiliana ".repeat(40)}Long`;
    const res = await fetch(`http://127.0.0.1:${port}/_sandbox/mutate`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify([{ op: "addUser", user: { UserName: "long.name", DisplayName: long } }]),
    });
    expect(res.status).toBe(200);
    const exports = (second ?? []).filter((l) => l.startsWith("export "));
    const narrow = sh(
      [
        ...exports,
        "npx idc-sync sync Sandbox --org Acme >/dev/null",
        "npx idc-sync users Sandbox --org Acme",
      ],
      {
        COLUMNS: "100",
      },
    );
    expect(narrow.code, narrow.err).toBe(0);
    for (const line of narrow.out.split("\n")) expect([...line].length).toBeLessThanOrEqual(100);
    expect(narrow.out).toContain("Dr. Maximiliana");
    const wide = sh(["npx idc-sync users Sandbox --org Acme --wide"], { COLUMNS: "100" });
    expect(wide.out).toContain(long);
    // Piped into a reader that stops early: no EPIPE stack trace.
    const piped = sh(["npx idc-sync users Sandbox --org Acme | head -1"]);
    expect(piped.code).toBe(0);
    expect(piped.err).toBe("");
  });
});

describe("README: the sandbox walkthrough's failure modes say how to fix them (defect 1)", () => {
  it("connect without the exported credentials names the missing credentials and the fix", () => {
    const second = blocks(section("## Try it on the sandbox"))[1] ?? [];
    // In an organization that has not connected this instance yet (Acme has).
    const connect = second.find((l) => l.includes(" connect "))?.replace("--org Acme", "--org Other") ?? "";
    const r = sh(["npx idc-sync org create Other >/dev/null", connect]);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split("\n")).toHaveLength(1);
    expect(r.err).toContain("no AWS credentials of its own");
    expect(r.err).toContain("'export' lines 'idc-sync sandbox' prints");
    expect(r.err).not.toContain("the report says how to fix it");
  });

  it("a sandbox started without --org says it trusts no idc-sync organization, and how to fix it", async () => {
    const other = spawn("node", [BIN, "sandbox", "--port", "0"], { cwd: dir, env: cleanEnv(dir) });
    try {
      const out = await waitForOutput(other, /Ctrl-C stops/);
      expect(out).toContain("which no idc-sync organization has");
      expect(out).toContain("--org ORG");
    } finally {
      other.kill("SIGTERM");
      await exited(other);
    }
  });
});

describe("README: the CLI synopsis", () => {
  const lines = blocks(section("## The CLI"))[0] ?? [];

  it.each(lines.map((l) => [l.split(" ")[1] ?? "", l] as const))(
    "idc-sync %s takes every option shown",
    (cmd, line) => {
      const r = spawnSync("node", [BIN, cmd, "--help"], { cwd: dir, env: cleanEnv(dir), encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      for (const flag of line.replace(/#.*$/, "").match(/--[a-z-]+/g) ?? [])
        expect(r.stdout, `${cmd} ${flag}`).toContain(flag);
    },
  );
});

describe("README: quick start", () => {
  it("`npm start` serves the web app and API on 127.0.0.1 with the demo", async () => {
    const data = join(dir, "quick-start");
    const child = spawn("npm", ["start"], {
      cwd: ROOT,
      env: cleanEnv(dir, { IDC_SYNC_DATA_DIR: data, PORT: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    try {
      const out = await waitForOutput(child, /running at (http:\/\/\S+)/);
      const url = /running at (http:\/\/\S+)/.exec(out)?.[1] ?? "";
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out).toContain("with the demo connection");
      expect((await fetch(`${url}/api/openapi.json`)).status).toBe(200);
      const page = await fetch(`${url}/integrations`);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/text\/html/);
    } finally {
      // npm and the node it started: the whole group this test made.
      if (child.pid !== undefined) process.kill(-child.pid, "SIGTERM");
      await exited(child);
    }
  });
});
