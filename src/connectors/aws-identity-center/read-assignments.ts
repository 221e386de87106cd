// Assignments, read one of two ways (plan.ts chooses): per account through the permission sets
// provisioned to it, or per principal. Both return each assignment once.
import {
  paginateListAccountAssignments,
  paginateListAccountAssignmentsForPrincipal,
  paginateListPermissionSetsProvisionedToAccount,
  type AccountAssignment,
} from "@aws-sdk/client-sso-admin";
import type { Assignment, PrincipalType } from "../../domain/model.js";
import { forEachConcurrent } from "../../aws-calls/concurrency.js";
import { mapAssignment } from "./mappers/sso-admin.js";
import { CONCURRENCY, PAGE_SIZES } from "./plan.js";
import type { ReadContext } from "./read-context.js";

/** Collects assignments, keeping the first of any repeated (account, set, principal). */
class AssignmentSet {
  readonly #seen = new Set<string>();
  readonly items: Assignment[] = [];

  add(
    rows: readonly Pick<
      AccountAssignment,
      "AccountId" | "PermissionSetArn" | "PrincipalType" | "PrincipalId"
    >[],
  ): number {
    let added = 0;
    for (const row of rows) {
      const a = mapAssignment(row);
      if (a === null) continue;
      const key = `${a.accountId}\u0000${a.permissionSetArn}\u0000${a.principalType}\u0000${a.principalId}`;
      if (this.#seen.has(key)) continue;
      this.#seen.add(key);
      this.items.push(a);
      added++;
    }
    return added;
  }
}

/**
 * Per account, the permission sets provisioned to it; then ListAccountAssignments for those
 * (account, permission set) pairs only — never for a pair that is not provisioned.
 */
export async function readAssignmentsPerAccount(
  ctx: ReadContext,
  accountIds: readonly string[],
): Promise<Assignment[]> {
  const found = new AssignmentSet();
  const { ssoAdmin } = ctx.clients;
  const { instanceArn } = ctx.values;
  await forEachConcurrent(
    new Set(accountIds),
    CONCURRENCY.accounts,
    async (accountId) => {
      const provisionedAction = "sso:ListPermissionSetsProvisionedToAccount";
      const provisioned = await ctx.collect(
        provisionedAction,
        paginateListPermissionSetsProvisionedToAccount(
          { client: ssoAdmin, pageSize: PAGE_SIZES[provisionedAction] },
          { InstanceArn: instanceArn, AccountId: accountId },
          ctx.sendOptions,
        ),
        (p) => p.PermissionSets,
      );
      await forEachConcurrent(
        new Set(provisioned),
        CONCURRENCY.pairs,
        async (permissionSetArn) => {
          const action = "sso:ListAccountAssignments";
          const rows = await ctx.collect(
            action,
            paginateListAccountAssignments(
              { client: ssoAdmin, pageSize: PAGE_SIZES[action] },
              { InstanceArn: instanceArn, AccountId: accountId, PermissionSetArn: permissionSetArn },
              ctx.sendOptions,
            ),
            (p) => p.AccountAssignments,
          );
          ctx.progress("assignments", found.add(rows));
        },
        { signal: ctx.signal },
      );
    },
    { signal: ctx.signal },
  );
  return found.items;
}

export interface Principal {
  type: PrincipalType;
  id: string;
}

/**
 * ListAccountAssignmentsForPrincipal for each user and group. A USER query is taken to list only
 * direct assignments (whether AWS adds group-derived ones is unconfirmed); any it adds carry their
 * own principal and are de-duplicated.
 */
export async function readAssignmentsPerPrincipal(
  ctx: ReadContext,
  principals: readonly Principal[],
): Promise<Assignment[]> {
  const found = new AssignmentSet();
  const action = "sso:ListAccountAssignmentsForPrincipal";
  await forEachConcurrent(
    principals,
    CONCURRENCY.principals,
    async (principal) => {
      const rows = await ctx.collect(
        action,
        paginateListAccountAssignmentsForPrincipal(
          { client: ctx.clients.ssoAdmin, pageSize: PAGE_SIZES[action] },
          { InstanceArn: ctx.values.instanceArn, PrincipalType: principal.type, PrincipalId: principal.id },
          ctx.sendOptions,
        ),
        (p) => p.AccountAssignments,
      );
      ctx.progress("assignments", found.add(rows));
    },
    { signal: ctx.signal },
  );
  return found.items;
}
