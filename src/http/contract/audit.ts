// Contract schemas of the audit log (issue 13): who did what, when, from where. Admin tokens only.
import { z } from "zod";
import { AUDIT_ACTIONS } from "../../domain/audit.js";
import { isoTime, nextCursor, pageQuery } from "./common.js";

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: isoTime,
    action: z.enum(AUDIT_ACTIONS),
    actor: z.object({
      via: z.enum(["token", "session", "cli", "unknown"]),
      tokenId: z.string().nullable(),
      tokenName: z.string().nullable(),
      sessionId: z.string().nullable(),
    }),
    source: z.string().meta({ description: "The client address" }),
    target: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditQuery = z.strictObject({ action: z.enum(AUDIT_ACTIONS).optional(), ...pageQuery });
export const auditListResponse = z
  .object({ items: z.array(auditEntrySchema), nextCursor })
  .meta({ id: "AuditList" });
export type AuditListResponse = z.infer<typeof auditListResponse>;

export const auditRoutes = {
  listAudit: {
    method: "GET",
    path: "/api/audit",
    summary:
      "The organization's audit log, newest first: sign-ins, token changes, connections created, edited or deleted, syncs requested, findings accepted, exports downloaded",
    auth: true,
    scope: "admin",
    query: auditQuery,
    status: 200,
    response: auditListResponse,
  },
} as const;
