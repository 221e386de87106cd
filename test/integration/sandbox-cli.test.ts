// `idc-sync sandbox`: starts, prints the values to connect with, serves, stops on the signal.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { sandboxCommand } from "../../src/cli/sandbox-command.js";
import type { CliContext } from "../../src/cli/context.js";
import { parseConfig } from "../../src/config.js";

function context(stop = new AbortController()) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  const ctx: CliContext = {
    config: parseConfig({}),
    stdout,
    stderr,
    interactive: false,
    stopSignal: stop.signal,
  };
  const firstLine = new Promise<string>((resolve) => {
    stdout.on("data", () => {
      if (out.includes("\n")) resolve(out.slice(0, out.indexOf("\n")));
    });
  });
  return { ctx, stop, firstLine, out: () => out, err: () => err };
}

describe("idc-sync sandbox", () => {
  it("serves until stopped and prints the connection values as JSON", async () => {
    const t = context();
    const run = sandboxCommand(
      ["--port", "0", "--users", "7", "--seed", "5", "--external-id", "my-org-external-id", "--json"],
      t.ctx,
    );
    const values = JSON.parse(await t.firstLine) as Record<string, string> & { env: Record<string, string> };
    expect(values).toMatchObject({ externalId: "my-org-external-id", region: "us-east-1" });
    expect(values.roleArn).toMatch(/^arn:aws:iam::\d{12}:role\/IdcSyncReadOnly$/);
    expect(values.identityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(values.env.AWS_ENDPOINT_URL).toBe(values.endpoint);
    const health = (await (await fetch(`${values.endpoint}/_sandbox/health`)).json()) as {
      sizes: { users: number };
    };
    expect(health.sizes.users).toBe(7);
    t.stop.abort();
    expect(await run).toBe(0);
  });

  it("prints readable connection values without --json", async () => {
    const t = context();
    const run = sandboxCommand(
      ["--port", "0", "--users", "2", "--rate-limits", "--deny", "sso:ListInstances"],
      t.ctx,
    );
    expect(await t.firstLine).toMatch(/^idc-sync sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    t.stop.abort();
    expect(await run).toBe(0);
    expect(t.out()).toContain("Role ARN");
    expect(t.out()).toContain("export AWS_ENDPOINT_URL=");
  });

  it("refuses bad values with one line naming the flag and exit code 2", async () => {
    for (const [args, flag] of [
      [["--users", "many"], "--users"],
      [["--port", "70000"], "--port"],
      [["--error-rate", "1.5"], "--error-rate"],
      [["--deny", "ListUsers"], "--deny"],
      [["--bogus"], "--bogus"],
    ] as const) {
      const t = context();
      expect(await sandboxCommand([...args], t.ctx)).toBe(2);
      expect(t.err().trim().split("\n")).toHaveLength(1);
      expect(t.err()).toContain(flag);
    }
    const help = context();
    expect(await sandboxCommand(["--help"], help.ctx)).toBe(0);
    expect(help.out()).toContain("Usage: idc-sync sandbox");
  });
});
