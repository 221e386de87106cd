// Directory queries' shared pieces: counts keyed by id, and assignments with the names of what
// they join (account, permission set, principal), looked up in batches.
import type { PrincipalType } from "../domain/model.js";
import { chunks } from "./batch.js";
import type { StoreContext } from "./context.js";
import { toNumber } from "./dialect.js";
import type { AssignmentView } from "./directory-types.js";
import { compareNames } from "./list-window.js";

const IN_LIST = 500;

export type CountRow = { k: string; n: string | number };
export const countMap = (rows: CountRow[]) => new Map(rows.map((r) => [r.k, toNumber(r.n)]));

interface AssignmentKey {
  account_id: string;
  permission_set_arn: string;
  principal_type: string;
  principal_id: string;
}

async function namesOf(
  ctx: StoreContext,
  connectionId: string,
  table: "accounts" | "permission_sets" | "groups" | "users",
  ids: readonly string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const unique = [...new Set(ids)];
  for (const batch of chunks(unique, IN_LIST)) {
    if (table === "accounts") {
      const rows = await ctx.db
        .selectFrom("accounts")
        .select(["account_id as id", "name"])
        .where("connection_id", "=", connectionId)
        .where("account_id", "in", batch)
        .execute();
      for (const r of rows) out.set(r.id, r.name);
    } else if (table === "permission_sets") {
      const rows = await ctx.db
        .selectFrom("permission_sets")
        .select(["arn as id", "name"])
        .where("connection_id", "=", connectionId)
        .where("arn", "in", batch)
        .execute();
      for (const r of rows) out.set(r.id, r.name);
    } else if (table === "groups") {
      const rows = await ctx.db
        .selectFrom("groups")
        .select(["group_id as id", "display_name as name"])
        .where("connection_id", "=", connectionId)
        .where("group_id", "in", batch)
        .execute();
      for (const r of rows) out.set(r.id, r.name ?? r.id);
    } else {
      const rows = await ctx.db
        .selectFrom("users")
        .select(["user_id as id", "user_name as name"])
        .where("connection_id", "=", connectionId)
        .where("user_id", "in", batch)
        .execute();
      for (const r of rows) out.set(r.id, r.name);
    }
  }
  return out;
}

/** Assignments in reading order: by account name, permission set name, groups before users, principal name. */
function compareViews(a: AssignmentView, b: AssignmentView): number {
  return (
    compareNames(a.accountName ?? a.accountId, b.accountName ?? b.accountId) ||
    compareNames(a.permissionSetName ?? a.permissionSetArn, b.permissionSetName ?? b.permissionSetArn) ||
    compareNames(a.principalType, b.principalType) ||
    compareNames(a.principalName, b.principalName) ||
    compareNames(a.principalId, b.principalId)
  );
}

/** Assignments with the names of their account, permission set and principal, in reading order. */
export async function assignmentViews(
  ctx: StoreContext,
  connectionId: string,
  rows: readonly AssignmentKey[],
): Promise<AssignmentView[]> {
  const [accounts, sets, groups, users] = await Promise.all([
    namesOf(
      ctx,
      connectionId,
      "accounts",
      rows.map((r) => r.account_id),
    ),
    namesOf(
      ctx,
      connectionId,
      "permission_sets",
      rows.map((r) => r.permission_set_arn),
    ),
    namesOf(
      ctx,
      connectionId,
      "groups",
      rows.flatMap((r) => (r.principal_type === "GROUP" ? [r.principal_id] : [])),
    ),
    namesOf(
      ctx,
      connectionId,
      "users",
      rows.flatMap((r) => (r.principal_type === "USER" ? [r.principal_id] : [])),
    ),
  ]);
  return rows
    .map((r) => ({
      accountId: r.account_id,
      accountName: accounts.get(r.account_id) ?? null,
      permissionSetArn: r.permission_set_arn,
      permissionSetName: sets.get(r.permission_set_arn) ?? null,
      principalType: r.principal_type as PrincipalType,
      principalId: r.principal_id,
      principalName: (r.principal_type === "GROUP" ? groups : users).get(r.principal_id) ?? null,
    }))
    .sort(compareViews);
}

export function assignmentsWhere(ctx: StoreContext, connectionId: string) {
  return ctx.db
    .selectFrom("assignments")
    .select(["account_id", "permission_set_arn", "principal_type", "principal_id"])
    .where("connection_id", "=", connectionId);
}
