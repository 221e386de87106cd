// The canonical encoding of an access row's paths: DIRECT first, then groups by id, without
// duplicates, as JSON text. The store keeps this text as the row's `via`, the export and the
// change details carry its parsed form, and the diff compares a stored row with a new one by it.
import type { AccessPath } from "./model.js";
import { compareStrings } from "./sort.js";

/** DIRECT first, then groups by id, without duplicates: the one stored and exported order of paths. */
export function canonicalVia(via: readonly AccessPath[]): AccessPath[] {
  const direct = via.some((p) => p.type === "DIRECT");
  const groups = [...new Set(via.flatMap((p) => (p.type === "GROUP" ? [p.groupId] : [])))].sort(
    compareStrings,
  );
  const paths: AccessPath[] = direct ? [{ type: "DIRECT" }] : [];
  for (const groupId of groups) paths.push({ type: "GROUP", groupId });
  return paths;
}

/**
 * Encodings of the via lists made by sharedVia. A sync shares a handful of lists between up to a
 * million rows (effective-access.ts), so each is encoded once; they are frozen, so it stays true.
 */
const shared = new WeakMap<readonly AccessPath[], string>();

/** `paths` frozen, its encoding computed once: for lists many rows share. */
export function sharedVia(paths: readonly AccessPath[]): readonly AccessPath[] {
  const via = Object.freeze([...paths]);
  shared.set(via, buildEncoding(via));
  return via;
}

/** The canonical JSON text of a via list (the stored form). */
export function encodeVia(via: readonly AccessPath[]): string {
  return shared.get(via) ?? buildEncoding(via);
}

/** The paths of an encoded via list (the stored text; empty when there is none). */
export function decodeVia(text: string | null): AccessPath[] {
  if (text === null || text === "") return [];
  return JSON.parse(text) as AccessPath[];
}

/** Built by hand on the common already-canonical path (a million rows), else via canonicalVia. */
function buildEncoding(via: readonly AccessPath[]): string {
  let json = "[";
  let lastGroup: string | null = null;
  for (let i = 0; i < via.length; i++) {
    const p = via[i] as AccessPath;
    if (p.type === "DIRECT") {
      if (i !== 0) return JSON.stringify(canonicalVia(via));
      json += '{"type":"DIRECT"}';
    } else {
      if (lastGroup !== null && !(lastGroup < p.groupId)) return JSON.stringify(canonicalVia(via));
      lastGroup = p.groupId;
      json += `${i === 0 ? "" : ","}{"type":"GROUP","groupId":${JSON.stringify(p.groupId)}}`;
    }
  }
  return `${json}]`;
}
