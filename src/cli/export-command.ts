// `idc-sync export CONNECTION --format json|csv [--out PATH]`: the connection's current state in
// the export format (design.md section 3), as one JSON document or one CSV file per array.
import { once } from "node:events";
import { createWriteStream, mkdirSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { join, resolve } from "node:path";
import type { ConnectionExport } from "../domain/export-format.js";
import { exportJsonChunks, exportUserSchema } from "../domain/export-format.js";
import { IdcSyncError } from "../domain/errors.js";
import { fieldNames } from "../domain/fields.js";
import { ACCOUNT_FIELDS, GROUP_FIELDS, PERMISSION_SET_FIELDS } from "../domain/model.js";
import { csvChunks } from "../domain/csv.js";
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  resolveConnection,
  resolveOrganization,
  runStoreCommand,
  UsageError,
} from "./store-cli.js";

const HELP = `Usage: idc-sync export CONNECTION --format json|csv [--out PATH] [options]

Exports a connection's current state (formatVersion 1): users (deleted ones too, with
deletedAt), groups, memberships, accounts, permission sets, assignments, effective access and
findings (any status).
Two exports of the same state are byte-identical.

Options:
  --format json|csv  json: one document (stdout, or the file --out names);
                     csv: one file per array (users.csv, access.csv, ...) in the folder --out
                     names (default ./export-<connection id>)
  --out PATH         where to write
${DATA_HELP}
`;

const ARRAYS = [
  "users",
  "groups",
  "memberships",
  "accounts",
  "permissionSets",
  "assignments",
  "access",
  "findings",
] as const;

/** The columns of each array, in the export's key order (also for an empty array). */
const COLUMNS: Record<(typeof ARRAYS)[number], readonly string[]> = {
  users: Object.keys(exportUserSchema.shape),
  groups: fieldNames(GROUP_FIELDS),
  memberships: ["groupId", "userId"],
  accounts: fieldNames(ACCOUNT_FIELDS),
  permissionSets: fieldNames(PERMISSION_SET_FIELDS),
  assignments: ["accountId", "permissionSetArn", "principalType", "principalId"],
  access: ["userId", "accountId", "permissionSetArn", "via", "lastUsedAt"],
  findings: [
    "id",
    "rule",
    "severity",
    "status",
    "subjectType",
    "subjectId",
    "subjectName",
    "accountId",
    "permissionSetArn",
    "userId",
    "groupId",
    "message",
    "details",
    "firstSeenAt",
    "lastSeenAt",
    "resolvedAt",
    "acceptedBy",
    "acceptedReason",
    "acceptedAt",
  ],
};

/** A finding as one flat CSV row (subject and acceptance spelled out; details as JSON). */
function flatFinding(f: ConnectionExport["findings"][number]): Record<string, unknown> {
  return {
    ...f,
    subjectType: f.subject.type,
    subjectId: f.subject.id,
    subjectName: f.subject.name,
    acceptedBy: f.acceptance?.by ?? null,
    acceptedReason: f.acceptance?.reason ?? null,
    acceptedAt: f.acceptance?.at ?? null,
  };
}

/** Writes the pieces, waiting whenever the stream asks to (a large export never sits in memory twice). */
async function writeChunks(stream: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, "drain");
  }
}

const WRITE_PROBLEMS: Record<string, string> = {
  ENOENT: "its folder does not exist; create it or give another path",
  EACCES: "permission denied; choose a path you may write to",
  EPERM: "permission denied; choose a path you may write to",
  EISDIR: "it is a folder; give a file path",
  ENOTDIR: "a part of the path is a file, not a folder; give another path",
  EEXIST: "a file is in the way; give another path",
  ENOSPC: "the disk is full; free space and export again",
  EDQUOT: "the disk quota is used up; free space and export again",
  EROFS: "the disk is read-only; give a path on a writable disk",
};

/** A file system error while writing the export, named (the path and what to do), not "unexpected". */
export class ExportWriteError extends IdcSyncError {
  constructor(path: string, err: unknown) {
    const code = (err as { code?: unknown }).code;
    const problem = typeof code === "string" ? WRITE_PROBLEMS[code] : undefined;
    super(
      "export_write_failed",
      `--out: cannot write ${resolve(path)}: ${problem ?? `${(err as Error).message}; give another path`}`,
      { cause: err },
    );
  }
}

async function writeFile(path: string, chunks: Iterable<string>): Promise<void> {
  try {
    await pipeline(Readable.from(chunks), createWriteStream(path));
  } catch (err) {
    throw new ExportWriteError(path, err);
  }
}

async function writeCsvFolder(dir: string, data: ConnectionExport): Promise<string[]> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new ExportWriteError(dir, err);
  }
  const written: string[] = [];
  for (const name of ARRAYS) {
    const file = join(dir, `${name}.csv`);
    const rows: readonly object[] = name === "findings" ? data.findings.map(flatFinding) : data[name];
    await writeFile(file, csvChunks(rows, COLUMNS[name]));
    written.push(file);
  }
  return written;
}

export const exportCommand: Command = (args, ctx) =>
  runStoreCommand(
    "export",
    HELP,
    args,
    ctx,
    { ...DATA_OPTIONS, format: { type: "string" }, out: { type: "string" } },
    async ({ values, positionals }, open) => {
      const format = values.format;
      if (format !== "json" && format !== "csv") throw new UsageError("--format: give json or csv");
      if (positionals.length !== 1) throw new UsageError("CONNECTION: name one connection (its id or name)");
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const connection = await resolveConnection(store, organization.id, positionals[0]);
      const data = await store.exportConnection(organization.id, connection.id);
      if (format === "json") {
        if (values.out === undefined) {
          await writeChunks(ctx.stdout, exportJsonChunks(data));
        } else {
          await writeFile(values.out, exportJsonChunks(data));
          ctx.stderr.write(`wrote ${resolve(values.out)}\n`);
        }
        return EXIT_OK;
      }
      const dir = values.out ?? `export-${connection.id}`;
      const files = await writeCsvFolder(dir, data);
      ctx.stdout.write(`${files.map((f) => resolve(f)).join("\n")}\n`);
      return EXIT_OK;
    },
  );
