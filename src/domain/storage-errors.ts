// A full or read-only disk (or database) is the operator's to fix, not a bug of ours: every
// surface names it (`storage_full`, `storage_read_only`) instead of answering "internal error".
// Pure: it reads the codes the drivers put on their errors (better-sqlite3's SQLITE_*, pg's
// SQLSTATE, Node's errno), so the domain needs no driver.
import { IdcSyncError } from "./errors.js";

export type StorageErrorCode = "storage_full" | "storage_read_only";

export class StorageError extends IdcSyncError {
  declare readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}

const FULL = new Set([
  "SQLITE_FULL",
  "ENOSPC",
  "EDQUOT",
  // PostgreSQL: disk_full, insufficient_resources' out-of-disk case.
  "53100",
]);
const READ_ONLY = new Set([
  "SQLITE_READONLY",
  "SQLITE_READONLY_DBMOVED",
  "SQLITE_READONLY_DIRECTORY",
  "SQLITE_READONLY_RECOVERY",
  "SQLITE_READONLY_ROLLBACK",
  "SQLITE_READONLY_CANTINIT",
  "SQLITE_READONLY_CANTLOCK",
  "EROFS",
  // PostgreSQL: read_only_sql_transaction (a standby, default_transaction_read_only).
  "25006",
]);

/** The storage error `err` (or an error it was caused by) stands for, else null. */
export function storageErrorOf(err: unknown): StorageError | null {
  for (let e = err, depth = 0; e !== null && typeof e === "object" && depth < 5; depth++) {
    if (e instanceof StorageError) return e;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") {
      if (FULL.has(code)) {
        return new StorageError(
          "storage_full",
          "the disk or database holding idc-sync's data is full; free space (or raise the quota) and try again",
          { cause: err },
        );
      }
      if (READ_ONLY.has(code)) {
        return new StorageError(
          "storage_read_only",
          "idc-sync's data cannot be written (a read-only disk, file or database); make it writable and try again",
          { cause: err },
        );
      }
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
