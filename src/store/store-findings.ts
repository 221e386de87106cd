// Findings in the store: the sync's writes (inside its commit transaction), and the reads and the
// accept of the surfaces. Rows keep the facts (details) and the display name; the message is
// generated on read (src/domain/findings/evaluate.ts).
import { foldText } from "../domain/fold.js";
import type { Selectable } from "kysely";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { findingMessage } from "../domain/findings/evaluate.js";
import type { StoredFindingState } from "../domain/findings/lifecycle.js";
import {
  emptyFindingCounts,
  severityRank,
  type Finding,
  type FindingCounts,
  type FindingRuleId,
  type FindingSeverity,
  type FindingStatus,
  type FindingSubjectType,
} from "../domain/findings/types.js";
import { chunks, insertMapped, type ColumnOf } from "./batch.js";
import type { Executor, StoreContext } from "./context.js";
import { nowIso, writeTransaction } from "./context.js";
import type {
  FindingAcceptInput,
  FindingCommit,
  FindingPage,
  ListFindingsOptions,
  StoredFindings,
} from "./findings-port.js";
import { decodeCursor, encodeCursor, pageLimit, toPage } from "./paging.js";
import { parseJson } from "./rows.js";
import type { FindingsTable } from "./schema.js";
import { connectionRow } from "./store-connections.js";

const UPDATED_COLUMNS: readonly ColumnOf<"findings">[] = [
  "rule",
  "severity",
  "severity_rank",
  "status",
  "subject_type",
  "subject_id",
  "subject_name",
  "sort_name",
  "account_id",
  "permission_set_arn",
  "user_id",
  "group_id",
  "details",
  "fingerprint",
  "content_hash",
  "last_seen_at",
  "resolved_at",
];

export function findingOf(row: Selectable<FindingsTable>): Finding {
  const draft = {
    id: row.id,
    rule: row.rule as FindingRuleId,
    severity: row.severity as FindingSeverity,
    subject: { type: row.subject_type as FindingSubjectType, id: row.subject_id, name: row.subject_name },
    accountId: row.account_id,
    permissionSetArn: row.permission_set_arn,
    userId: row.user_id,
    groupId: row.group_id,
    details: parseJson<Record<string, unknown>>(row.details, {}),
  };
  return {
    ...draft,
    connectionId: row.connection_id,
    status: row.status as FindingStatus,
    message: findingMessage(draft),
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    resolvedAt: row.resolved_at,
    acceptance:
      row.accepted_at === null
        ? null
        : { by: row.accepted_by ?? "", reason: row.accepted_reason ?? "", at: row.accepted_at },
  };
}

export async function loadFindingStates(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<StoredFindings> {
  await connectionRow(ctx.db, orgId, connectionId);
  const evaluated = await ctx.db
    .selectFrom("finding_evaluations")
    .select("evaluated_at")
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  const rows = await ctx.db
    .selectFrom("findings")
    .select(["id", "status", "fingerprint", "content_hash"])
    .where("connection_id", "=", connectionId)
    .execute();
  const states = new Map<string, StoredFindingState>();
  for (const r of rows)
    states.set(r.id, {
      status: r.status as FindingStatus,
      fingerprint: r.fingerprint,
      contentHash: r.content_hash,
    });
  return { evaluated: evaluated !== undefined, states };
}

export async function getFindings(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  ids: readonly string[],
): Promise<Finding[]> {
  await connectionRow(ctx.db, orgId, connectionId);
  const out: Finding[] = [];
  for (const batch of chunks(ids, 500)) {
    const rows = await ctx.db
      .selectFrom("findings")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("id", "in", batch)
      .execute();
    for (const r of rows) out.push(findingOf(r));
  }
  return out;
}

/** The findings part of a sync's commit, in its transaction. */
export async function writeFindings(
  ctx: StoreContext,
  trx: Executor,
  orgId: string,
  connectionId: string,
  at: string,
  w: FindingCommit,
): Promise<void> {
  for (const batch of chunks(w.resolve, 500)) {
    await trx
      .updateTable("findings")
      .set({ status: "resolved", resolved_at: at })
      .where("connection_id", "=", connectionId)
      .where("id", "in", batch)
      .execute();
  }
  // Every finding still seen was seen now (one statement, not one per finding).
  await trx
    .updateTable("findings")
    .set({ last_seen_at: at })
    .where("connection_id", "=", connectionId)
    .where("status", "<>", "resolved")
    .execute();
  await insertMapped(
    ctx,
    trx,
    "findings",
    w.upsert,
    ({ finding: f, fingerprint, contentHash, status, firstSeenAt }) => ({
      connection_id: connectionId,
      id: f.id,
      organization_id: orgId,
      rule: f.rule,
      severity: f.severity,
      severity_rank: severityRank(f.severity),
      status,
      subject_type: f.subject.type,
      subject_id: f.subject.id,
      subject_name: f.subject.name,
      // Folded (domain/fold.ts): subjects read in the users list's order, in both databases.
      sort_name: foldText(f.subject.name ?? f.subject.id),
      account_id: f.accountId,
      permission_set_arn: f.permissionSetArn,
      user_id: f.userId,
      group_id: f.groupId,
      details: JSON.stringify(f.details),
      fingerprint,
      content_hash: contentHash,
      first_seen_at: firstSeenAt ?? at,
      last_seen_at: at,
      resolved_at: null,
      accepted_by: null,
      accepted_reason: null,
      accepted_at: null,
    }),
    { keys: ["connection_id", "id"], update: UPDATED_COLUMNS },
  );
  await trx
    .insertInto("finding_evaluations")
    .values({ connection_id: connectionId, evaluated_at: at })
    .onConflict((oc) => oc.column("connection_id").doUpdateSet({ evaluated_at: at }))
    .execute();
}

type FilterOptions = Omit<ListFindingsOptions, "status" | "severities" | "limit" | "cursor">;

async function scoped(ctx: StoreContext, orgId: string, o: FilterOptions) {
  let query = ctx.db.selectFrom("findings");
  if (o.connectionId !== undefined) {
    await connectionRow(ctx.db, orgId, o.connectionId);
    query = query.where("connection_id", "=", o.connectionId);
  } else {
    query = query.where("organization_id", "=", orgId);
  }
  if (o.rules !== undefined && o.rules.length > 0) query = query.where("rule", "in", o.rules);
  if (o.userId !== undefined) query = query.where("user_id", "=", o.userId);
  if (o.accountId !== undefined) query = query.where("account_id", "=", o.accountId);
  if (o.permissionSetArn !== undefined) query = query.where("permission_set_arn", "=", o.permissionSetArn);
  if (o.groupId !== undefined) query = query.where("group_id", "=", o.groupId);
  return query;
}

function countsOf(rows: readonly { status: string; severity: string; n: string | number }[]): FindingCounts {
  const counts = emptyFindingCounts();
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status === "open" && (r.severity === "high" || r.severity === "medium" || r.severity === "low"))
      counts.open[r.severity] += n;
    else if (r.status === "accepted") counts.accepted += n;
    else if (r.status === "resolved") counts.resolved += n;
  }
  return counts;
}

export async function listFindings(
  ctx: StoreContext,
  orgId: string,
  options: ListFindingsOptions = {},
): Promise<FindingPage> {
  const limit = pageLimit(options.limit);
  const base = await scoped(ctx, orgId, options);
  const countRows = await base
    .select((eb) => ["status", "severity", eb.fn.countAll<string | number>().as("n")])
    .groupBy(["status", "severity"])
    .execute();
  let query = base.selectAll();
  const status = options.status ?? "open";
  if (status !== "all") query = query.where("status", "=", status);
  if (options.severities !== undefined && options.severities.length > 0)
    query = query.where("severity", "in", options.severities);
  const tag = options.connectionId === undefined ? "findings:org" : "findings";
  if (options.cursor != null) {
    const [rank, rule, sortName, connectionId, id] = decodeCursor(tag, options.cursor, 5);
    if (typeof rank !== "number" || [rule, sortName, connectionId, id].some((v) => typeof v !== "string"))
      throw new ValidationError("cursor", "cursor is not valid for this list; start again without a cursor");
    query = query.where((eb) =>
      eb(
        eb.refTuple("severity_rank", "rule", "sort_name", "connection_id", "id"),
        ">",
        eb.tuple(rank, rule as string, sortName as string, connectionId as string, id as string),
      ),
    );
  }
  const rows = await query
    .orderBy("severity_rank")
    .orderBy("rule")
    .orderBy("sort_name")
    .orderBy("connection_id")
    .orderBy("id")
    .limit(limit + 1)
    .execute();
  const page = toPage(rows, limit, findingOf, (r) =>
    encodeCursor(tag, [r.severity_rank, r.rule, r.sort_name, r.connection_id, r.id]),
  );
  return { ...page, counts: countsOf(countRows) };
}

export async function countFindingsByConnection(
  ctx: StoreContext,
  orgId: string,
): Promise<Map<string, FindingCounts>> {
  const rows = await ctx.db
    .selectFrom("findings")
    .select((eb) => ["connection_id", "status", "severity", eb.fn.countAll<string | number>().as("n")])
    .where("organization_id", "=", orgId)
    .groupBy(["connection_id", "status", "severity"])
    .execute();
  const byConnection = new Map<string, typeof rows>();
  for (const r of rows) byConnection.set(r.connection_id, [...(byConnection.get(r.connection_id) ?? []), r]);
  return new Map([...byConnection].map(([id, list]) => [id, countsOf(list)]));
}

export async function acceptFinding(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
  findingId: string,
  input: FindingAcceptInput,
): Promise<Finding> {
  await connectionRow(ctx.db, orgId, connectionId);
  const at = nowIso(ctx);
  return writeTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom("findings")
      .selectAll()
      .where("connection_id", "=", connectionId)
      .where("id", "=", findingId)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`finding ${findingId} not found in this connection`);
    if (row.status === "resolved") {
      throw new ConflictError(
        `finding ${findingId} was resolved at ${row.resolved_at ?? "an earlier sync"}: there is nothing to accept`,
      );
    }
    await trx
      .updateTable("findings")
      .set({ status: "accepted", accepted_by: input.by, accepted_reason: input.reason, accepted_at: at })
      .where("connection_id", "=", connectionId)
      .where("id", "=", findingId)
      .execute();
    return findingOf({
      ...row,
      status: "accepted",
      accepted_by: input.by,
      accepted_reason: input.reason,
      accepted_at: at,
    });
  });
}

export async function exportFindings(
  ctx: StoreContext,
  orgId: string,
  connectionId: string,
): Promise<Finding[]> {
  await connectionRow(ctx.db, orgId, connectionId);
  const rows = await ctx.db
    .selectFrom("findings")
    .selectAll()
    .where("connection_id", "=", connectionId)
    .orderBy("id")
    .execute();
  return rows.map(findingOf);
}
