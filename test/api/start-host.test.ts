// Issue 17 defect 13: `idc-sync start` listens on 127.0.0.1 unless --host or HOST says otherwise,
// and prints where it listens (a wildcard address is named as reachable from other machines).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { startCommand, whereListening } from "../../src/cli/start-command.js";
import { parseConfig } from "../../src/config.js";

class Capture extends Writable {
  text = "";
  private waiter: (() => void) | undefined;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    if (/running at/.test(this.text)) this.waiter?.();
    done();
  }
  running(): Promise<void> {
    if (/running at/.test(this.text)) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = resolve));
  }
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startWith(args: string[], env: Record<string, string> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "idc-sync-start-host-"));
  dirs.push(dir);
  const stdout = new Capture();
  const stderr = new Capture();
  const stop = new AbortController();
  const exit = startCommand(["--port", "0", "--no-demo", ...args], {
    config: parseConfig({ IDC_SYNC_DATA_DIR: dir, LOG_LEVEL: "silent", ...env }),
    stdout,
    stderr,
    interactive: false,
    stopSignal: stop.signal,
  });
  await Promise.race([
    stdout.running(),
    exit.then((code) => {
      throw new Error(`start exited with ${code}: ${stderr.text}`);
    }),
  ]);
  stop.abort();
  expect(await exit).toBe(0);
  return /running at (.*)/.exec(stdout.text)?.[1] ?? "";
}

describe("idc-sync start: where it listens", () => {
  it("listens on 127.0.0.1 by default and says so", async () => {
    expect(await startWith([])).toMatch(/^http:\/\/127\.0\.0\.1:\d+ \(listening on 127\.0\.0\.1:\d+ only\)$/);
  });

  it("takes HOST, and --host over HOST", async () => {
    expect(await startWith([], { HOST: "0.0.0.0" })).toMatch(
      /^http:\/\/localhost:\d+ \(listening on every network interface, 0\.0\.0\.0:\d+/,
    );
    expect(await startWith(["--host", "127.0.0.1"], { HOST: "0.0.0.0" })).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it("names a wildcard address as reachable from other machines", () => {
    expect(whereListening("http://[::1]:8080", "::")).toBe(
      "http://localhost:8080 (listening on every network interface, [::]:8080: other machines can reach it)",
    );
  });
});
