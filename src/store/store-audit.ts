// The audit log (issue 13, build item 2), newest first, paged by (at, id).
import type { Selectable } from "kysely";
import type { AuditAction, AuditEntry, NewAuditEntry } from "../domain/audit.js";
import { AUDIT_ACTIONS } from "../domain/audit.js";
import type { StoreContext } from "./context.js";
import { newId, nowIso } from "./context.js";
import type { ListAuditOptions } from "./audit-port.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import type { Page } from "./read-models.js";
import { parseJson } from "./rows.js";
import type { AuditLogTable } from "./schema.js";

function entry(row: Selectable<AuditLogTable>): AuditEntry {
  const via =
    row.actor_via === "token" || row.actor_via === "session" || row.actor_via === "cli"
      ? row.actor_via
      : "unknown";
  return {
    id: row.id,
    organizationId: row.organization_id,
    at: row.at,
    actor: { via, tokenId: row.token_id, tokenName: row.token_name, sessionId: row.session_id },
    source: row.source,
    action: (AUDIT_ACTIONS as readonly string[]).includes(row.action)
      ? (row.action as AuditAction)
      : "session.sign_in_failed",
    target: row.target,
    details: parseJson<Record<string, unknown>>(row.details, {}),
  };
}

export async function recordAudit(ctx: StoreContext, input: NewAuditEntry): Promise<AuditEntry> {
  const row = {
    id: newId(),
    organization_id: input.organizationId,
    at: nowIso(ctx),
    actor_via: input.actor.via,
    token_id: input.actor.tokenId,
    token_name: input.actor.tokenName,
    session_id: input.actor.sessionId,
    source: input.source.slice(0, 200),
    action: input.action,
    target: input.target,
    details: JSON.stringify(input.details),
  };
  await ctx.db.insertInto("audit_log").values(row).execute();
  return entry(row);
}

export async function listAudit(
  ctx: StoreContext,
  orgId: string | null,
  options: ListAuditOptions = {},
): Promise<Page<AuditEntry>> {
  const limit = pageLimit(options.limit);
  let query = ctx.db.selectFrom("audit_log").selectAll();
  query =
    orgId === null ? query.where("organization_id", "is", null) : query.where("organization_id", "=", orgId);
  if (options.action !== undefined) query = query.where("action", "=", options.action);
  if (options.cursor != null) {
    const [at, id] = decodeCursor("audit", options.cursor, 2).map(String) as [string, string];
    query = query.where((eb) => eb(eb.refTuple("at", "id"), "<", eb.tuple(at, id)));
  }
  const rows = await query
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, entry, (r) => encodeCursor("audit", [r.at, r.id]));
}
