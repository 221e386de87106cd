// A finding's life across syncs: opened when first seen, kept (lastSeenAt) while seen, resolved
// when no longer seen, re-opened when seen again; accepted by an admin (reason, who), which holds
// while its facts stay the same and re-opens when they change. Pure: the store applies the result
// in the sync's transaction.
import type { ChangeDraftOf, FindingChangeDetail } from "../change.js";
import { findingMessage } from "./evaluate.js";
import { findingContentHash, findingFingerprint } from "./finding-id.js";
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

/**
 * `drafts`: this sync's findings; `stored`: the connection's stored findings by id; `baseline`:
 * findings were never evaluated for this connection, so nothing goes to the history. The change
 * rows of resolved findings are the caller's (findingChange over the stored findings of `resolve`).
 */
export function reconcileFindings(
  drafts: readonly FindingDraft[],
  stored: ReadonlyMap<string, StoredFindingState>,
  at: string,
  baseline: boolean,
): FindingWrites {
  const upsert: FindingUpsert[] = [];
  const changes: FindingChangeDraft[] = [];
  const seen = new Set<string>();
  let open = 0;
  let accepted = 0;
  let opened = 0;
  for (const f of drafts) {
    seen.add(f.id);
    const before = stored.get(f.id);
    const fingerprint = findingFingerprint(f);
    const contentHash = findingContentHash(f);
    if (before === undefined || before.status === "resolved") {
      upsert.push({
        finding: f,
        fingerprint,
        contentHash,
        status: "open",
        firstSeenAt: before === undefined ? at : null,
      });
      open++;
      opened++;
      if (!baseline)
        changes.push(findingChange(f, "finding.opened", before === undefined ? {} : { reopened: true }));
      continue;
    }
    if (before.status === "accepted" && before.fingerprint !== fingerprint) {
      // The decision was about other facts: it no longer covers this finding.
      upsert.push({ finding: f, fingerprint, contentHash, status: "open", firstSeenAt: null });
      open++;
      opened++;
      if (!baseline)
        changes.push(
          findingChange(f, "finding.opened", {
            reopened: true,
            reason: "facts changed since it was accepted",
          }),
        );
      continue;
    }
    if (before.status === "accepted") accepted++;
    else open++;
    if (before.contentHash !== contentHash)
      upsert.push({ finding: f, fingerprint, contentHash, status: before.status, firstSeenAt: null });
  }
  const resolve: string[] = [];
  for (const [id, s] of stored) if (s.status !== "resolved" && !seen.has(id)) resolve.push(id);
  return { upsert, resolve, changes, counts: { open, accepted, opened, resolved: resolve.length } };
}
