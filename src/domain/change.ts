// The history: one row per change found by comparing a sync's snapshot with the stored state.
// Each kind has its own detail shape (ChangeDetails); describe-change.ts turns a change into the
// one line people read, in the CLI and the web alike. A new kind family adds its entries to
// ChangeDetails and CHANGE_KINDS, and its sentence to describe-change.ts (the compiler asks).
import type { FindingRuleId, FindingSeverity, FindingSubject } from "./findings/types.js";
import type { AccessPath, PermissionSet, PrincipalType, User, UserStatus } from "./model.js";

/** The fields of an entity that changed: their values before and after (the others left out). */
export type FieldChanges<T> = {
  before: Partial<T>;
  after: Partial<T>;
};

export type MembershipChangeDetail = {
  groupName: string | null;
  userName: string | null;
};

export type AssignmentChangeDetail = {
  principalType: PrincipalType;
  principalId: string;
  principalName: string | null;
  accountName: string | null;
  permissionSetName: string | null;
};

export type AccessChangeDetail = {
  userName: string | null;
  accountName: string | null;
  permissionSetName: string | null;
  /** The paths that grant (granted) or granted (revoked) the access, canonical order. */
  via: AccessPath[];
};

/** A finding opened or resolved (src/domain/findings/lifecycle.ts). */
export type FindingChangeDetail = {
  findingId: string;
  rule: FindingRuleId;
  severity: FindingSeverity;
  subject: FindingSubject;
  /** The finding's message when the change was recorded. */
  message: string;
  userName?: string;
  accountName?: string;
  permissionSetName?: string;
  groupName?: string;
  /** finding.opened of a finding seen before (resolved, or accepted and its facts changed). */
  reopened?: boolean;
  reason?: string;
};

/**
 * Names for display (as they were at the change; null where unknown) and, for updates, the fields.
 * Type literals, not interfaces: a detail is a plain JSON object (assignable to Record<string, unknown>).
 */
export interface ChangeDetails {
  "user.added": { userName: string; displayName: string | null; status: UserStatus };
  "user.deleted": { userName: string; displayName: string | null };
  "user.restored": { userName: string; status: UserStatus; deletedAt: string | null };
  "user.enabled": { userName: string };
  "user.disabled": { userName: string };
  "user.updated": { userName: string } & FieldChanges<User>;
  "group.added": { displayName: string | null };
  "group.deleted": { displayName: string | null };
  "membership.added": MembershipChangeDetail;
  "membership.removed": MembershipChangeDetail;
  "assignment.added": AssignmentChangeDetail;
  "assignment.removed": AssignmentChangeDetail;
  "access.granted": AccessChangeDetail;
  "access.revoked": AccessChangeDetail;
  "permissionSet.added": { name: string };
  "permissionSet.deleted": { name: string };
  "permissionSet.updated": { name: string } & FieldChanges<PermissionSet>;
  "account.added": { name: string | null };
  "account.removed": { name: string | null };
  "finding.opened": FindingChangeDetail;
  "finding.resolved": FindingChangeDetail;
}

export type ChangeKind = keyof ChangeDetails;

export const CHANGE_KINDS = [
  "user.added",
  "user.deleted",
  "user.restored",
  "user.enabled",
  "user.disabled",
  "user.updated",
  "group.added",
  "group.deleted",
  "membership.added",
  "membership.removed",
  "assignment.added",
  "assignment.removed",
  "access.granted",
  "access.revoked",
  "permissionSet.added",
  "permissionSet.deleted",
  "permissionSet.updated",
  "account.added",
  "account.removed",
  "finding.opened",
  "finding.resolved",
] as const satisfies readonly ChangeKind[];

// Every kind of ChangeDetails is listed in CHANGE_KINDS (a compile error names the one missing).
const _everyKindListed: Record<Exclude<ChangeKind, (typeof CHANGE_KINDS)[number]>, never> = {};
void _everyKindListed;

export function isChangeKind(value: string): value is ChangeKind {
  return (CHANGE_KINDS as readonly string[]).includes(value);
}

/** The ids a change concerns (null where it does not concern one of that kind). */
export interface ChangeSubject {
  userId: string | null;
  groupId: string | null;
  accountId: string | null;
  permissionSetArn: string | null;
}

/** A change of one kind as the diff produces it, before it is committed with its run. */
export type ChangeDraftOf<K extends ChangeKind> = ChangeSubject & { kind: K; detail: ChangeDetails[K] };

/** A change as the diff produces it: a union discriminated by `kind`. */
export type ChangeDraft = { [K in ChangeKind]: ChangeDraftOf<K> }[ChangeKind];

export interface ChangeRecord {
  /** Opaque; increases with commit order within one store. */
  id: string;
  at: string;
  syncRunId: string;
  connectionId: string;
}

export type Change = ChangeDraft & ChangeRecord;

/** A change draft of `kind`: ids not given are null. */
export function changeDraft<K extends ChangeKind>(
  kind: K,
  ids: Partial<ChangeSubject>,
  detail: ChangeDetails[K],
): ChangeDraftOf<K> {
  return {
    kind,
    userId: ids.userId ?? null,
    groupId: ids.groupId ?? null,
    accountId: ids.accountId ?? null,
    permissionSetArn: ids.permissionSetArn ?? null,
    detail,
  };
}
