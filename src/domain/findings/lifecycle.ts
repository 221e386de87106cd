// A finding's life across syncs: opened when first seen, kept (lastSeenAt) while seen, resolved
// when no longer seen, re-opened when seen again; accepted by an admin (reason, who), which holds
// while its facts stay the same and re-opens when they change. Pure: the store applies the result
// in the sync's transaction.
import type { ChangeDraftOf, FindingChangeDetail } from "../change.js";
import { findingMessage } from "./evaluate.js";
import { findingContentHash, findingFingerprint } from "./finding-id.js";
import { compareStrings } from "../sort.js";
import type { FindingDraft, FindingStatus } from "./types.js";

/** What the lifecycle needs of a stored finding. */
export interface StoredFindingState {
  status: FindingStatus;
  fingerprint: string;
  contentHash: string;
}

export interface FindingUpsert {
  finding: FindingDraft;
  fingerprint: string;
  contentHash: string;
  status: "open" | "accepted";
  /** Set for new findings only; a re-opened finding keeps its first sighting. */
  firstSeenAt: string | null;
}

export interface FindingWrites {
  /** New, re-opened or changed findings (written whole; lastSeenAt = the commit time). */
  upsert: FindingUpsert[];
  /** Ids of open or accepted findings no longer seen: resolved at the commit time. */
  resolve: string[];
  /** Change rows of opened findings (none on the first evaluation of a connection). */
  changes: FindingChangeDraft[];
  /** Totals after the commit, for the run record and logs. */
  counts: { open: number; accepted: number; opened: number; resolved: number };
}

export type FindingChangeKind = "finding.opened" | "finding.resolved";
export type FindingChangeDraft = ChangeDraftOf<"finding.opened"> | ChangeDraftOf<"finding.resolved">;

/** Narrows a change (draft or stored) to a finding's. */
export function isFindingChange<C extends { kind: string }>(
  c: C,
): c is Extract<C, { kind: FindingChangeKind }> {
  return c.kind === "finding.opened" || c.kind === "finding.resolved";
}

export function findingChange(
  f: FindingDraft,
  kind: FindingChangeKind,
  extra: Pick<FindingChangeDetail, "reopened" | "reason">,
): FindingChangeDraft {
  const d = f.details;
  const names: Pick<FindingChangeDetail, "userName" | "accountName" | "permissionSetName" | "groupName"> = {};
  for (const key of ["userName", "accountName", "permissionSetName", "groupName"] as const) {
    const value = d[key];
    if (typeof value === "string") names[key] = value;
  }
  return {
    kind,
    userId: f.userId,
    groupId: f.groupId,
    accountId: f.accountId,
    permissionSetArn: f.permissionSetArn,
    detail: {
      findingId: f.id,
      rule: f.rule,
      severity: f.severity,
      subject: f.subject,
      message: findingMessage(f),
      ...names,
      ...extra,
    },
  };
}

/** What the lifecycle does with one finding seen now. */
interface Decision {
  /** The row to write, or null: the stored one stands (lastSeenAt moves for all seen at once). */
  upsert: FindingUpsert | null;
  status: "open" | "accepted";
  /** Opened now (new or re-opened): the change row's extra facts; null: it was open already. */
  opened: Pick<FindingChangeDetail, "reopened" | "reason"> | null;
}

function decide(f: FindingDraft, before: StoredFindingState | undefined, at: string): Decision {
  const fingerprint = findingFingerprint(f);
  const contentHash = findingContentHash(f);
  if (before === undefined || before.status === "resolved") {
    return {
      upsert: {
        finding: f,
        fingerprint,
        contentHash,
        status: "open",
        firstSeenAt: before === undefined ? at : null,
      },
      status: "open",
      opened: before === undefined ? {} : { reopened: true },
    };
  }
  if (before.status === "accepted" && before.fingerprint !== fingerprint) {
    // The decision was about other facts: it no longer covers this finding.
    return {
      upsert: { finding: f, fingerprint, contentHash, status: "open", firstSeenAt: null },
      status: "open",
      opened: { reopened: true, reason: "facts changed since it was accepted" },
    };
  }
  return {
    upsert:
      before.contentHash === contentHash
        ? null
        : { finding: f, fingerprint, contentHash, status: before.status, firstSeenAt: null },
    status: before.status,
    opened: null,
  };
}

/** One pass over the drafts: everything but the rows to write, which go to `keep`. */
function scan(
  drafts: Iterable<FindingDraft>,
  stored: ReadonlyMap<string, StoredFindingState>,
  at: string,
  baseline: boolean,
  keep: (u: FindingUpsert) => void,
): Omit<FindingWrites, "upsert"> {
  const changes: FindingChangeDraft[] = [];
  const seen = new Set<string>();
  let open = 0;
  let accepted = 0;
  let opened = 0;
  for (const f of drafts) {
    seen.add(f.id);
    const d = decide(f, stored.get(f.id), at);
    if (d.upsert !== null) keep(d.upsert);
    if (d.status === "accepted") accepted++;
    else open++;
    if (d.opened !== null) {
      opened++;
      if (!baseline) changes.push(findingChange(f, "finding.opened", d.opened));
    }
  }
  // The history lists a sync's findings by id, whatever order the rules gave them in.
  changes.sort((a, b) => compareStrings(a.detail.findingId, b.detail.findingId));
  const resolve: string[] = [];
  for (const [id, s] of stored) if (s.status !== "resolved" && !seen.has(id)) resolve.push(id);
  return { resolve, changes, counts: { open, accepted, opened, resolved: resolve.length } };
}

/**
 * `drafts`: this sync's findings; `stored`: the connection's stored findings by id; `baseline`:
 * findings were never evaluated for this connection, so nothing goes to the history. The change
 * rows of resolved findings are the caller's (findingChange over the stored findings of `resolve`).
 */
export function reconcileFindings(
  drafts: Iterable<FindingDraft>,
  stored: ReadonlyMap<string, StoredFindingState>,
  at: string,
  baseline: boolean,
): FindingWrites {
  const upsert: FindingUpsert[] = [];
  return { upsert, ...scan(drafts, stored, at, baseline, (u) => upsert.push(u)) };
}

/** reconcileFindings with the rows to write produced again while they are written. */
export interface FindingPlan extends Omit<FindingWrites, "upsert"> {
  upsert: Iterable<FindingUpsert>;
}

/**
 * As reconcileFindings, without holding every finding: `drafts` is evaluated once now (counts,
 * changes, resolved ids) and once more as the returned `upsert` is iterated by the commit, so only
 * one batch of rows exists at a time. A first evaluation at L writes some 123,000 findings, which
 * held whole took about 300 MB. `drafts` must give the same findings each time (the rules are pure
 * over one snapshot) and `stored` must not change in between.
 */
export function planFindings(
  drafts: () => Iterable<FindingDraft>,
  stored: ReadonlyMap<string, StoredFindingState>,
  at: string,
  baseline: boolean,
): FindingPlan {
  let rows = 0;
  const plan = scan(drafts(), stored, at, baseline, () => rows++);
  function* again(): Generator<FindingUpsert> {
    for (const f of drafts()) {
      const d = decide(f, stored.get(f.id), at);
      if (d.upsert !== null) yield d.upsert;
    }
  }
  return { ...plan, upsert: rows === 0 ? [] : { [Symbol.iterator]: again } };
}
