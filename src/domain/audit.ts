// The audit log (issue 13, build item 2): what people did in idc-sync, who (which token, through
// which session), when, from where and to what. Kept per organization in the store.
export const AUDIT_ACTIONS = [
  "session.signed_in",
  "session.sign_in_failed",
  "token.created",
  "token.revoked",
  "connection.created",
  "connection.updated",
  "connection.deleted",
  "sync.requested",
  "finding.accepted",
  "export.downloaded",
  "notification.subscription_created",
  "notification.subscription_updated",
  "notification.subscription_deleted",
  "notification.secret_rotated",
  "notification.test_sent",
  "notification.redelivered",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditActor {
  /** "token": a bearer token; "session": a web session; "cli": the operator's CLI; "unknown": a failed sign-in. */
  via: "token" | "session" | "cli" | "unknown";
  tokenId: string | null;
  tokenName: string | null;
  sessionId: string | null;
}

export interface AuditEntry {
  id: string;
  /** null: a failed sign-in, which names no organization. */
  organizationId: string | null;
  at: string;
  actor: AuditActor;
  /** The client address (behind a trusted proxy, the forwarded one). */
  source: string;
  action: AuditAction;
  /** What it was done to (a connection, token or finding id), if anything. */
  target: string | null;
  /** More facts (e.g. a forced sync, the export format); never secrets. */
  details: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, "id" | "at">;
