// What the store-backed CLI commands (org, connect, connections, sync, export, changes, users,
// access) share: the data location, the organization and connection a user names, and the
// one-line error reporting with the exit codes of context.ts.
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Config } from "../config.js";
import type { Connection } from "../domain/connection.js";
import { IdcSyncError, ValidationError } from "../domain/errors.js";
import type { Organization } from "../domain/organization.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import type { CliContext } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";
import { findOrganization } from "./policy-command.js";

export const DATA_OPTIONS = {
  "data-dir": { type: "string" },
  org: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const DATA_HELP = `  --data-dir DIR  the SQLite data directory (default: IDC_SYNC_DATA_DIR, else ./data);
                  without it, DATABASE_URL (postgres://...) is used when set
  --org ORG       the organization (id or name); default: the install's default organization
  --json          machine output
  -h, --help      this help`;

/** Bad input found by a command itself: exit 2, nothing changed. */
export class UsageError extends Error {}

/** --data-dir picks SQLite in that directory; else the configured database. */
export function openCliStore(config: Config, dataDir: string | undefined): Promise<Store> {
  return dataDir === undefined
    ? openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl })
    : openStore({ dataDir });
}

export function resolveOrganization(store: Store, ref: string | undefined): Promise<Organization> {
  return findOrganization(store, ref);
}

/** The connection `ref` names in the organization: its id, or its name when that is unique. */
export async function resolveConnection(
  store: Store,
  orgId: string,
  ref: string | undefined,
): Promise<Connection> {
  if (ref === undefined || ref === "") {
    throw new UsageError(
      "CONNECTION: name the connection (its id or name); 'idc-sync connections' lists them",
    );
  }
  const all = await store.listConnections(orgId);
  const byId = all.find((c) => c.id === ref);
  if (byId !== undefined) return byId;
  const byName = all.filter((c) => c.name === ref);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0];
  if (byName.length > 1)
    throw new UsageError(`CONNECTION: several connections are named "${ref}"; give the id`);
  throw new UsageError(
    `CONNECTION: no connection "${ref}" in this organization; 'idc-sync connections' lists them`,
  );
}

/**
 * Parses the arguments, prints --help, opens the store, runs `body`, closes the store, and turns
 * errors into one line on stderr: bad input exits 2, everything else 1.
 */
export async function runStoreCommand<O extends ParseArgsConfig["options"]>(
  name: string,
  help: string,
  args: string[],
  ctx: CliContext,
  options: O,
  body: (
    parsed: ReturnType<
      typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
    >,
    store: Store,
  ) => Promise<number>,
): Promise<number> {
  const fail = (code: number, message: string): number => {
    ctx.stderr.write(`idc-sync ${name}: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(EXIT_USAGE, `${(err as Error).message}; run 'idc-sync ${name} --help'`);
  }
  const values = parsed.values as { help?: boolean; "data-dir"?: string };
  if (values.help === true) {
    ctx.stdout.write(help);
    return EXIT_OK;
  }
  let store: Store | undefined;
  try {
    store = await openCliStore(ctx.config, values["data-dir"]);
    return await body(parsed, store);
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT_USAGE, err.message);
    if (err instanceof ValidationError) return fail(EXIT_USAGE, err.message);
    if (err instanceof IdcSyncError) return fail(EXIT_FAILURE, err.message);
    return fail(EXIT_FAILURE, `unexpected error: ${(err as Error).message}`);
  } finally {
    await store?.close();
  }
}

/** A positive whole number option, or its default. */
export function intOption(flag: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max)
    throw new UsageError(`--${flag}: expected a whole number from 1 to ${max}, got '${value}'`);
  return n;
}

export function writeJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Rows as aligned text columns. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return (
    rows
      .map((row) =>
        row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "),
      )
      .join("\n") + "\n"
  );
}
