// A hash of a snapshot's canonical JSON (object keys sorted at every level, arrays in their
// order, which sortSnapshot makes canonical), fed item by item so that a 1,000,000-row snapshot
// is never one string in memory.
import { createHash, type Hash } from "node:crypto";
import type { Snapshot } from "../src/domain/model.js";

function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
}

/** Arrays, and the snapshot's compact access rows (hashed as the array they stand for). */
function isList(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || (typeof value === "object" && value !== null && Symbol.iterator in value);
}

function feed(hash: Hash, value: unknown): void {
  if (!isList(value)) {
    hash.update(canonical(value));
    return;
  }
  hash.update("[");
  let first = true;
  for (const item of value) {
    hash.update(first ? canonical(item) : `,${canonical(item)}`);
    first = false;
  }
  hash.update("]");
}

/** sha-256 (hex) of the snapshot's canonical JSON. */
export function snapshotHash(snapshot: Snapshot): string {
  const hash = createHash("sha256");
  const keys = Object.keys(snapshot).sort() as (keyof Snapshot)[];
  hash.update("{");
  keys.forEach((key, i) => {
    hash.update(`${i === 0 ? "" : ","}${JSON.stringify(key)}:`);
    feed(hash, snapshot[key]);
  });
  hash.update("}");
  return hash.digest("hex");
}
