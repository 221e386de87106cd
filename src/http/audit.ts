// The audit log's HTTP side: a route notes what it did (noteAudit); before the answer goes out
// (so that a caller who reads the log next finds it), a successful request's note is recorded with who (the token, and the session it came through),
// when and from where. A failed sign-in is recorded though it failed, owned by no organization.
// Recording never fails the request (what it did is done): a failure is logged.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { AuditAction } from "../domain/audit.js";
import type { Principal } from "../domain/access.js";
import type { Store } from "../store/store.js";

interface Note {
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown>;
  principal: Principal | null;
  /** Recorded whatever the status (a failed sign-in). */
  always: boolean;
}

const notes = new WeakMap<FastifyRequest, Note>();

export function noteAudit(
  req: FastifyRequest,
  principal: Principal | null,
  action: AuditAction,
  target: string | null = null,
  details: Record<string, unknown> = {},
  always = false,
): void {
  notes.set(req, { action, target, details, principal, always });
}

export function registerAuditLog(app: FastifyInstance, store: Store): void {
  app.addHook("onSend", async (req, reply, payload) => {
    const note = notes.get(req);
    if (note === undefined || (!note.always && reply.statusCode >= 400)) return payload;
    notes.delete(req);
    const p = note.principal;
    try {
      await store.recordAudit({
        organizationId: p?.organization.id ?? null,
        actor: {
          via: p === null ? "unknown" : p.sessionId === null ? "token" : "session",
          tokenId: p?.tokenId ?? null,
          tokenName: p?.tokenName ?? null,
          sessionId: p?.sessionId ?? null,
        },
        source: req.ip,
        action: note.action,
        target: note.target,
        details: { ...note.details, status: reply.statusCode },
      });
    } catch (err) {
      req.log.warn({ err, action: note.action }, "could not record the audit entry");
    }
    return payload;
  });
}
