// Findings: what the synced picture says an admin should look at (who is admin, who should not
// have access, what is wasted). Rule ids, severities, statuses and the subject types are part of
// the contract (CLI JSON, API, export): change them only with a migration note in the README.

export const FINDING_RULES = [
  "permission_set.admin_equivalent",
  "access.admin",
  "permission_set.iam_escalation",
  "user.disabled_with_access",
  "assignment.orphaned",
  "account.inactive_with_access",
  "assignment.direct_user",
  "user.no_access",
  "group.empty",
  "permission_set.unused",
  "permission_set.long_session",
  "user.inactive",
  "access.unused",
] as const;
export type FindingRuleId = (typeof FINDING_RULES)[number];

export const FINDING_SEVERITIES = ["high", "medium", "low"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_STATUSES = ["open", "resolved", "accepted"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_SUBJECT_TYPES = [
  "user",
  "group",
  "account",
  "permission_set",
  "assignment",
  "access",
] as const;
export type FindingSubjectType = (typeof FINDING_SUBJECT_TYPES)[number];

export function isFindingRule(value: string): value is FindingRuleId {
  return (FINDING_RULES as readonly string[]).includes(value);
}
export function isFindingSeverity(value: string): value is FindingSeverity {
  return (FINDING_SEVERITIES as readonly string[]).includes(value);
}

/** Rank for ordering: high first. */
export function severityRank(severity: FindingSeverity): number {
  return FINDING_SEVERITIES.indexOf(severity);
}

export interface FindingSubject {
  type: FindingSubjectType;
  /** The user id, group id, account id, permission set ARN, or a key built of those (assignment, access). */
  id: string;
  name: string | null;
}

/**
 * What a rule reports about the current snapshot. `details` hold the facts ("why"): ids, policy
 * statements, counts, paths. Keys named `name` or ending in `Name` are for display only: a rename
 * does not count as a change of facts (see fingerprint.ts).
 */
export interface FindingDraft {
  /** Stable: the same rule and subject give the same id in every sync (findingId()). */
  id: string;
  rule: FindingRuleId;
  severity: FindingSeverity;
  subject: FindingSubject;
  accountId: string | null;
  permissionSetArn: string | null;
  userId: string | null;
  groupId: string | null;
  details: Record<string, unknown>;
}

export interface FindingAcceptance {
  by: string;
  reason: string;
  at: string;
}

/** A finding as stored and shown (CLI JSON, API, export). */
export interface Finding extends FindingDraft {
  connectionId: string;
  status: FindingStatus;
  /** Generated from the rule, the subject and the details (messages.ts); not stored. */
  message: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  /** The last acceptance: kept (for the record) when a changed finding re-opens. */
  acceptance: FindingAcceptance | null;
}

/** Open (and accepted) findings per severity. */
export interface FindingCounts {
  open: Record<FindingSeverity, number>;
  accepted: number;
  resolved: number;
}

export function emptyFindingCounts(): FindingCounts {
  return { open: { high: 0, medium: 0, low: 0 }, accepted: 0, resolved: 0 };
}
