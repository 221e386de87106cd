import { describe, expect, it } from "vitest";
import { StorageError, storageErrorOf } from "./storage-errors.js";

const coded = (code: string, cause?: unknown) =>
  Object.assign(new Error("driver said no", { cause }), { code });

describe("storageErrorOf", () => {
  it.each([
    ["SQLITE_FULL", "storage_full"],
    ["ENOSPC", "storage_full"],
    ["53100", "storage_full"],
    ["SQLITE_READONLY", "storage_read_only"],
    ["EROFS", "storage_read_only"],
    ["25006", "storage_read_only"],
  ])("names %s as %s", (code, expected) => {
    expect(storageErrorOf(coded(code))?.code).toBe(expected);
  });

  it("finds the driver's error under a wrapper, and keeps it as the cause", () => {
    const driver = coded("SQLITE_FULL");
    const found = storageErrorOf(new Error("commit failed", { cause: driver }));
    expect(found).toBeInstanceOf(StorageError);
    expect(found?.cause).toBeInstanceOf(Error);
  });

  it("leaves every other error alone", () => {
    expect(storageErrorOf(coded("SQLITE_CONSTRAINT"))).toBeNull();
    expect(storageErrorOf(new Error("boom"))).toBeNull();
    expect(storageErrorOf("text")).toBeNull();
    expect(storageErrorOf(null)).toBeNull();
  });
});
