// The history: one row per change found by comparing a sync's snapshot with the stored state.

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
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

export function isChangeKind(value: string): value is ChangeKind {
  return (CHANGE_KINDS as readonly string[]).includes(value);
}

/** A change as the diff produces it, before it is committed with its run. */
export interface ChangeDraft {
  kind: ChangeKind;
  userId: string | null;
  groupId: string | null;
  accountId: string | null;
  permissionSetArn: string | null;
  /** Names for display and, for updates, `before`/`after` of the fields that changed. */
  detail: Record<string, unknown>;
}

export interface Change extends ChangeDraft {
  /** Opaque; increases with commit order within one store. */
  id: string;
  at: string;
  syncRunId: string;
  connectionId: string;
}
