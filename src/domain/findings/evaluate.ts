// Evaluates every rule over a snapshot. Pure: the engine calls it at the end of a sync and commits
// the result with the sync (lifecycle.ts decides what opens, stays and resolves).
import type { FindingsActivity } from "../activity.js";
import type { Snapshot } from "../model.js";
import { compareStrings } from "../sort.js";
import { buildFindingsContext, type FindingsContext } from "./context.js";
import { ruleOf, RULES } from "./rules.js";
import type { FindingDraft } from "./types.js";

/** Every finding of the snapshot, sorted by id (ids are unique: one rule, one subject). */
export function evaluateFindings(snapshot: Snapshot, activity?: FindingsActivity): FindingDraft[] {
  return [...eachFinding(buildFindingsContext(snapshot, activity))].sort((a, b) =>
    compareStrings(a.id, b.id),
  );
}

/** Every finding, rule by rule, made as it is taken (at L, access.admin alone makes ~100,000). */
export function* eachFinding(ctx: FindingsContext): Generator<FindingDraft> {
  for (const rule of RULES) yield* rule.evaluate(ctx);
}

/** The finding's one-line message (generated, never stored: it follows the current wording). */
export function findingMessage(f: FindingDraft): string {
  return ruleOf(f.rule).message(f);
}
