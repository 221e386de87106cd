// The organization's accounts from Organizations (optional as a whole: without them, assignments
// are read per principal), with their tags (optional). DescribeAccount is used only in that
// fallback, to name the accounts that assignments mention.
import {
  DescribeAccountCommand,
  paginateListAccounts,
  paginateListTagsForResource,
} from "@aws-sdk/client-organizations";
import { NotFoundError } from "../../domain/errors.js";
import type { Account } from "../../domain/model.js";
import { mapConcurrent } from "../../aws-calls/concurrency.js";
import { mapAccount, tagsToRecord, unknownAccount } from "./mappers/organizations.js";
import { CONCURRENCY, PAGE_SIZES } from "./plan.js";
import { DENIED, awsErrorName, type ReadContext } from "./read-context.js";

export type AccountsRead = { listed: true; accounts: Account[] } | { listed: false; inOrganization: boolean };

const NOT_IN_USE = "AWSOrganizationsNotInUseException";

export async function readAccounts(ctx: ReadContext): Promise<AccountsRead> {
  const action = "organizations:ListAccounts";
  let listed;
  try {
    listed = await ctx.optional(
      action,
      "The organization's accounts could not be listed: only accounts that have assignments are shown, and assignments were read per user and group instead (which does not see assignments of deleted users or groups)",
      () =>
        ctx.collect(
          action,
          paginateListAccounts(
            { client: ctx.clients.organizations, pageSize: PAGE_SIZES[action] },
            {},
            ctx.sendOptions,
          ),
          (p) => p.Accounts,
        ),
    );
  } catch (err) {
    if (ctx.signal.aborted || awsErrorName(err) !== NOT_IN_USE) throw err;
    ctx.warn({
      code: "not_in_organization",
      message:
        "The role's AWS account is in no AWS organization: accounts are known only by id, and assignments were read per user and group",
    });
    return { listed: false, inOrganization: false };
  }
  if (listed === DENIED) return { listed: false, inOrganization: true };
  ctx.progress("accounts", listed.length);
  const tags = await mapConcurrent(listed, CONCURRENCY.accountTags, (a) => readAccountTags(ctx, a.Id), {
    signal: ctx.signal,
  });
  return { listed: true, accounts: listed.map((a, i) => mapAccount(a, tags[i] ?? {})) };
}

async function readAccountTags(
  ctx: ReadContext,
  accountId: string | undefined,
): Promise<Record<string, string>> {
  if (accountId === undefined) return {};
  const action = "organizations:ListTagsForResource";
  const tags = await orNotFound(ctx, () =>
    ctx.optional(action, "Account tags are missing", () =>
      ctx.collect(
        action,
        paginateListTagsForResource(
          { client: ctx.clients.organizations },
          { ResourceId: accountId },
          ctx.sendOptions,
        ),
        (p) => p.Tags,
      ),
    ),
  );
  return tags === DENIED || tags === undefined ? {} : tagsToRecord(tags);
}

/** Undefined for an account Organizations does not know (it left the organization meanwhile). */
async function orNotFound<T>(ctx: ReadContext, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof NotFoundError && !ctx.signal.aborted) return undefined;
    throw err;
  }
}

/**
 * Accounts known only from assignments (Organizations could not list them): named through
 * DescribeAccount where allowed, tagged where allowed, else known by id alone.
 */
export async function describeAccounts(
  ctx: ReadContext,
  accountIds: readonly string[],
  inOrganization: boolean,
): Promise<Account[]> {
  if (!inOrganization) return accountIds.map(unknownAccount);
  return mapConcurrent(
    accountIds,
    CONCURRENCY.accountTags,
    async (accountId) => {
      const action = "organizations:DescribeAccount";
      const described = await orNotFound(ctx, () =>
        ctx.optional(action, "Account names, emails and states are missing", () =>
          ctx.clients.organizations.send(
            new DescribeAccountCommand({ AccountId: accountId }),
            ctx.sendOptions,
          ),
        ),
      );
      const tags = await readAccountTags(ctx, accountId);
      if (described === DENIED || described?.Account === undefined)
        return { ...unknownAccount(accountId), tags };
      return mapAccount({ ...described.Account, Id: accountId }, tags);
    },
    { signal: ctx.signal },
  );
}
