// The change history, newest first by default, filtered and paged by change id.
import type { Selectable } from "kysely";
import type { Change, ChangeKind } from "../domain/change.js";
import { readChangeDetail } from "../domain/change-read.js";
import { ValidationError } from "../domain/errors.js";
import type { StoreContext } from "./context.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { parseJson } from "./rows.js";
import type { ChangesTable } from "./schema.js";
import type { ListChangesOptions, Page } from "./store.js";
import { connectionRow } from "./store-connections.js";

function change(row: Selectable<ChangesTable>): Change {
  const kind = row.kind as ChangeKind;
  return {
    id: String(row.id),
    kind,
    at: row.at,
    syncRunId: row.sync_run_id,
    connectionId: row.connection_id,
    userId: row.user_id,
    groupId: row.group_id,
    accountId: row.account_id,
    permissionSetArn: row.permission_set_arn,
    detail: readChangeDetail(kind, parseJson<unknown>(row.detail, {})),
  } as Change;
}

/** Times are stored as UTC ISO text; inputs with an offset are normalised so text order is time order. */
function isoTime(field: string, value: string): string {
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) {
    throw new ValidationError(
      field,
      `${field} must be an ISO-8601 time such as 2026-11-30T12:00:00Z; got "${value}"`,
    );
  }
  return t.toISOString();
}

export async function listChanges(
  ctx: StoreContext,
  orgId: string,
  options: ListChangesOptions = {},
): Promise<Page<Change>> {
  const limit = pageLimit(options.limit);
  const order = options.order ?? "desc";
  let query = ctx.db.selectFrom("changes").selectAll();
  if (options.connectionId !== undefined) {
    await connectionRow(ctx.db, orgId, options.connectionId);
    query = query.where("connection_id", "=", options.connectionId);
  } else {
    query = query.where("organization_id", "=", orgId);
  }
  if (options.since !== undefined) query = query.where("at", ">=", isoTime("since", options.since));
  if (options.until !== undefined) query = query.where("at", "<", isoTime("until", options.until));
  if (options.kinds !== undefined && options.kinds.length > 0)
    query = query.where("kind", "in", options.kinds);
  if (options.userId !== undefined) query = query.where("user_id", "=", options.userId);
  if (options.accountId !== undefined) query = query.where("account_id", "=", options.accountId);
  if (options.groupId !== undefined) query = query.where("group_id", "=", options.groupId);
  if (options.permissionSetArn !== undefined)
    query = query.where("permission_set_arn", "=", options.permissionSetArn);
  if (options.syncRunId !== undefined) query = query.where("sync_run_id", "=", options.syncRunId);
  const tag = `changes:${order}`;
  if (options.cursor != null) {
    const [id] = decodeCursor(tag, options.cursor, 1);
    // Change ids are integers: a crafted cursor with text here is refused, not sent to the database.
    if (typeof id !== "number")
      throw new ValidationError("cursor", "cursor is not valid for this list; start again without a cursor");
    query = query.where("id", order === "asc" ? ">" : "<", id);
  }
  const rows = await query
    .orderBy("id", order)
    .limit(limit + 1)
    .execute();
  return toPage(rows, limit, change, (r) => encodeCursor(tag, [Number(r.id)]));
}
