// `idc-sync start` (what `npm start` runs): the API, the web app and the scheduler, until
// SIGINT/SIGTERM; then running syncs are stopped without committing anything half-done.
import { chmodSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createApp, type DemoMode } from "../app.js";
import { privateDataDir } from "../store/open-store.js";
import type { CliContext, Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";

const HELP = `Usage: idc-sync start [options]

Serves the JSON API (/api, OpenAPI at /api/openapi.json) and the web app, and syncs every
connection on its schedule, until Ctrl-C or SIGTERM.

Options:
  --port N      port (default: PORT, else 8080; 0 picks a free one)
  --host H      address to listen on (default: HOST, else 127.0.0.1, this machine only;
                0.0.0.0 for every interface, e.g. in a container)
  --demo        always add the demo connection (an in-process AWS sandbox)
  --no-demo     never add it (default: only when the process has no AWS credentials)
  --no-worker   PostgreSQL: serve and enqueue syncs only; 'idc-sync worker' processes run them
                (default: this process runs sync jobs too, each in its own thread)
  -h, --help    this help

On first start an organization is created and its admin access token written once to
<data dir>/admin-token.txt (mode 0600; also shown when run in a terminal, never logged); set
IDC_SYNC_ADMIN_TOKEN to choose that token yourself. Data: IDC_SYNC_DATA_DIR (default ./data)
or DATABASE_URL (postgres://...).
`;

class UsageError extends Error {}

export const ADMIN_TOKEN_FILE = "admin-token.txt";

/**
 * The first start's admin token goes to a file only its owner can read, never to stdout when
 * stdout is not a terminal (a service's stdout ends up in log files); a terminal also shows it.
 */
export function tellAdminToken(ctx: CliContext, token: string, organizationName: string): void {
  const file = resolve(join(ctx.config.dataDir, ADMIN_TOKEN_FILE));
  try {
    privateDataDir(ctx.config.dataDir);
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    ctx.stderr.write(
      `idc-sync start: could not write the admin token to ${file} (${(err as Error).message}); ` +
        "set IDC_SYNC_ADMIN_TOKEN to a long random value and start again to sign in with it\n",
    );
    if (!ctx.interactive) return;
  }
  ctx.stdout.write(
    `\nAdmin access token for "${organizationName}" written to ${file} (readable by you only).\n`,
  );
  if (ctx.interactive) {
    ctx.stdout.write(`\n  ${token}\n\n(shown here once, as this is a terminal; keep it safe)\n`);
  }
  ctx.stdout.write(
    "Sign in to the web app with it, or send it as 'Authorization: Bearer <token>'; manage tokens with 'idc-sync token'.\n\n",
  );
}

/**
 * The URL to open and where the server listens. Fastify answers a wildcard host with a loopback
 * URL; the admin must still see that other machines can reach the service.
 */
export function whereListening(address: string, host: string): string {
  const port = /:(\d+)$/.exec(address)?.[1] ?? "";
  if (host === "0.0.0.0" || host === "::" || host === "[::]") {
    const bound = host.includes(":") ? `[::]:${port}` : `${host}:${port}`;
    return `http://localhost:${port} (listening on every network interface, ${bound}: other machines can reach it)`;
  }
  return `${address} (listening on ${address.replace(/^https?:\/\//, "")} only)`;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`--port: expected 0 to 65535, got '${value}'`);
  return n;
}

export const startCommand: Command = async (args, ctx) => {
  let port: number;
  let host: string;
  let demo: DemoMode;
  let worker: boolean;
  try {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        demo: { type: "boolean" },
        "no-demo": { type: "boolean" },
        "no-worker": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help === true) {
      ctx.stdout.write(HELP);
      return EXIT_OK;
    }
    if (values.demo === true && values["no-demo"] === true)
      throw new UsageError("--demo and --no-demo: choose one");
    port = parsePort(values.port, ctx.config.port);
    host = values.host ?? ctx.config.host ?? "127.0.0.1";
    demo = values.demo === true ? "on" : values["no-demo"] === true ? "off" : "auto";
    worker = values["no-worker"] !== true;
  } catch (err) {
    ctx.stderr.write(`idc-sync start: ${(err as Error).message}; see 'idc-sync start --help'\n`);
    return EXIT_USAGE;
  }

  let app;
  try {
    app = await createApp(ctx.config, {
      demo,
      worker,
      onAdminToken: (token, organization) => tellAdminToken(ctx, token, organization.name),
    });
  } catch (err) {
    ctx.stderr.write(`idc-sync start: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  }
  try {
    if (ctx.stopSignal.aborted) return EXIT_OK;
    const address = await app.listen(port, host);
    ctx.stdout.write(
      `idc-sync is running at ${whereListening(address, host)}${app.demo === null ? "" : " (with the demo connection)"}${
        app.queue === null
          ? ""
          : app.queue.worker === null
            ? "; syncs are queued for 'idc-sync worker' processes"
            : "; syncs run from the job queue"
      }\n`,
    );
    await new Promise<void>((resolve) => {
      if (ctx.stopSignal.aborted) resolve();
      else ctx.stopSignal.addEventListener("abort", () => resolve(), { once: true });
    });
    ctx.stderr.write("idc-sync: stopping (waiting for running syncs to stop)\n");
    return EXIT_OK;
  } catch (err) {
    ctx.stderr.write(`idc-sync start: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  } finally {
    await app.close();
  }
};
