// Stable finding ids and fingerprints. The id is the same for the same rule and subject in every
// sync (and every store), so a finding's history, acceptance and links survive re-syncs. The
// fingerprint covers the facts only: display names are left out, so a rename does not re-open an
// accepted finding, while a new path or policy statement does.
import { createHash } from "node:crypto";
import type { FindingDraft, FindingRuleId, FindingSubjectType } from "./types.js";

/** "f-" and 20 hex digits of sha-256 over the rule, the subject type and the subject id. */
export function findingId(rule: FindingRuleId, subjectType: FindingSubjectType, subjectId: string): string {
  const hash = createHash("sha256").update(`${rule}\u0000${subjectType}\u0000${subjectId}`).digest("hex");
  return `f-${hash.slice(0, 20)}`;
}

/** The subject id of an assignment or an access row: its key parts joined by "|". */
export function compositeId(...parts: string[]): string {
  return parts.join("|");
}

function withoutNames(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === "name" || k.endsWith("Name")) continue;
    out[k] = v;
  }
  return out;
}

/** 16 hex digits over the severity and the facts (details without display names). */
export function findingFingerprint(f: Pick<FindingDraft, "severity" | "details">): string {
  const facts = JSON.stringify([f.severity, f.details], withoutNames);
  return createHash("sha256").update(facts).digest("hex").slice(0, 16);
}

/** 16 hex digits over everything shown: a change here (a rename) rewrites the row, silently. */
export function findingContentHash(f: FindingDraft): string {
  return createHash("sha256")
    .update(JSON.stringify([f.severity, f.subject.name, f.details]))
    .digest("hex")
    .slice(0, 16);
}
