// What the store-backed CLI commands (org, connect, connections, sync, export, changes, users,
// access) share: the data location, the organization and connection a user names, and the
// one-line error reporting with the exit codes of context.ts.
import { storageErrorOf } from "../domain/storage-errors.js";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Config } from "../config.js";
import type { Connection } from "../domain/connection.js";
import { IdcSyncError, ValidationError } from "../domain/errors.js";
import type { Organization } from "../domain/organization.js";
import { openStore, SQLITE_FILE_NAME } from "../store/open-store.js";
import type { FullStore, Store } from "../store/store.js";
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

/** node:util parseArgs's complaint, without its advice on positionals that start with a dash. */
export function argsErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\. To specify a positional argument[\s\S]*$/, "").replace(/\.$/, "");
}

/** Bad input found by a command itself: exit 2, nothing changed. */
export class UsageError extends Error {}

/** Why a data directory cannot hold the SQLite database, by the error code opening it gave. */
const DATA_DIR_PROBLEMS: Record<string, string> = {
  ENOTDIR: "a part of the path is a file, not a directory",
  EEXIST: "it is a file, not a directory",
  EACCES: "it is not writable",
  EPERM: "it is not writable",
  EROFS: "it is on a read-only file system",
  SQLITE_CANTOPEN: "the database file there cannot be opened",
  SQLITE_READONLY: "the database there is read-only",
  SQLITE_NOTADB: `its ${SQLITE_FILE_NAME} is not an idc-sync database`,
};

/**
 * --data-dir picks SQLite in that directory; else the configured database. Without `create`, a
 * SQLite directory must already hold the database (a typo must not leave an empty one behind).
 * A directory that cannot hold the database is bad input (UsageError), named with its fix.
 */
export async function openCliStore(
  config: Config,
  dataDir: string | undefined,
  create = false,
): Promise<FullStore> {
  const postgres = dataDir === undefined && config.databaseUrl !== undefined && config.databaseUrl !== "";
  if (postgres) return openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const dir = dataDir ?? config.dataDir;
  const where = `'${dir}'${resolve(dir) === dir ? "" : ` (${resolve(dir)})`}`;
  if (!create && !existsSync(join(dir, SQLITE_FILE_NAME))) {
    throw new UsageError(
      `--data-dir: no idc-sync database in ${where}; give the directory 'idc-sync org create' or 'idc-sync start' used (--data-dir or IDC_SYNC_DATA_DIR)`,
    );
  }
  try {
    return await openStore({ dataDir: dir });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const problem = typeof code === "string" ? DATA_DIR_PROBLEMS[code] : undefined;
    if (problem === undefined) throw err;
    throw new UsageError(
      `--data-dir: cannot keep the database in ${where}: ${problem}; give a writable directory with --data-dir or IDC_SYNC_DATA_DIR`,
      { cause: err },
    );
  }
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

/** `create`: make the data directory and database when missing (org create); else they must exist. */
export type OpenStore = (options?: { create?: boolean }) => Promise<FullStore>;

/**
 * Parses the arguments, prints --help, runs `body`, and turns errors into one line on stderr: bad
 * input exits 2, everything else 1. `body` checks its arguments first and then calls `open` for the
 * store (opened once, closed afterwards), so that bad input touches no data.
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
    open: OpenStore,
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
    return fail(EXIT_USAGE, `${argsErrorMessage(err)}; run 'idc-sync ${name} --help'`);
  }
  const values = parsed.values as { help?: boolean; "data-dir"?: string };
  if (values.help === true) {
    ctx.stdout.write(help);
    return EXIT_OK;
  }
  let store: Promise<FullStore> | undefined;
  const open: OpenStore = (o = {}) =>
    (store ??= openCliStore(ctx.config, values["data-dir"], o.create === true));
  try {
    return await body(parsed, open);
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT_USAGE, err.message);
    if (err instanceof ValidationError) return fail(EXIT_USAGE, err.message);
    if (err instanceof IdcSyncError) return fail(EXIT_FAILURE, err.message);
    if (ctx.stopSignal.aborted) return fail(EXIT_FAILURE, "stopped before it finished");
    const storage = storageErrorOf(err);
    if (storage !== null) return fail(EXIT_FAILURE, `${storage.code}: ${storage.message}`);
    return fail(EXIT_FAILURE, `unexpected error: ${(err as Error).message}`);
  } finally {
    await store?.then(
      (s) => s.close(),
      () => undefined,
    );
  }
}

/** A whole number option from `min` (default 1) to `max`, or its default. */
export function intOption(
  flag: string,
  value: string | undefined,
  fallback: number,
  max: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got '${value}'`);
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
