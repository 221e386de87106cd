// Child processes of the scale-out tests: the built `idc-sync` (start --no-worker, worker) with
// pino's JSON log lines on stderr read as they come, so a test can wait for "sync job started"
// of a connection and then kill or stop exactly that worker.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const BIN = fileURLToPath(new URL("../../bin/idc-sync.js", import.meta.url));
const BUILT_WORKER = fileURLToPath(new URL("../../dist/cli/worker-command.js", import.meta.url));
const BUILT_THREAD = fileURLToPath(new URL("../../dist/sync-thread.js", import.meta.url));

/** The tests run the built CLI (CI builds it in `npm ci`); a missing or stale build is named. */
export function assertBuilt(): void {
  const fresh =
    existsSync(BUILT_THREAD) &&
    existsSync(BUILT_WORKER) &&
    readFileSync(BUILT_WORKER, "utf8").includes("taking sync jobs");
  if (!fresh) throw new Error(`${BUILT_WORKER} is missing or stale: run 'npm run build' first`);
}

export interface LogLine {
  msg?: string;
  connectionId?: string;
  [key: string]: unknown;
}

export interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly lines: LogLine[];
  /** Resolves with the first log line (already seen or to come) that matches. */
  waitFor(match: (line: LogLine) => boolean, what: string): Promise<LogLine>;
  /** Resolves once stdout printed a line matching the pattern. */
  waitForStdout(pattern: RegExp): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  output(): string;
}

export function startChild(name: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: LogLine[] = [];
  let text = "";
  let out = "";
  let alive = true;
  const waiters: { match: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];
  const outWaiters: { pattern: RegExp; resolve: (l: string) => void }[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  if (child.stderr === null || child.stdout === null) throw new Error("no pipes");
  // pino's JSON lines: a worker logs to stderr, the service (Fastify's logger) to stdout.
  const onJson = (raw: string): void => {
    text += `${raw}\n`;
    let line: LogLine;
    try {
      line = JSON.parse(raw) as LogLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.match(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  createInterface({ input: child.stderr }).on("line", onJson);
  createInterface({ input: child.stdout }).on("line", (raw) => {
    out += `${raw}\n`;
    if (raw.startsWith("{")) onJson(raw);
    for (const w of [...outWaiters]) {
      if (w.pattern.test(raw)) {
        outWaiters.splice(outWaiters.indexOf(w), 1);
        w.resolve(raw);
      }
    }
  });
  return {
    name,
    process: child,
    lines,
    waitFor(match, what) {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ match, resolve });
        void exited.then(() => reject(new Error(`${name} exited before ${what}:\n${text.slice(-4000)}`)));
      });
    },
    waitForStdout(pattern) {
      const seen = out.split("\n").find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        outWaiters.push({ pattern, resolve });
        void exited.then(() =>
          reject(new Error(`${name} exited before printing ${pattern}:\n${text.slice(-4000)}`)),
        );
      });
    },
    exited,
    alive: () => alive,
    output: () => `${out}\n${text}`,
  };
}

/** Polls `check` every `everyMs` until it returns a value other than undefined (or the time is up). */
export async function until<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
