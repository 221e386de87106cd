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

function feed(hash: Hash, value: unknown): void {
  if (!Array.isArray(value)) {
    hash.update(canonical(value));
    return;
  }
  hash.update("[");
  value.forEach((item, i) => hash.update(i === 0 ? canonical(item) : `,${canonical(item)}`));
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
