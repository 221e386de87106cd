// The audit log (issue 13): recorded by the surfaces, read per organization. store-audit.ts.
import type { AuditAction, AuditEntry, NewAuditEntry } from "../domain/audit.js";
import type { Page } from "./read-models.js";

export interface ListAuditOptions {
  limit?: number;
  cursor?: string | null;
  action?: AuditAction;
}

export interface AuditPort {
  recordAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. `orgId` null: the entries no organization owns (failed sign-ins). */
  listAudit(orgId: string | null, options?: ListAuditOptions): Promise<Page<AuditEntry>>;
}
