// Organizations read operations (AWSOrganizationsV20161128.*). MaxResults 1-20, default 20.
// ListAccounts returns, after every Nth page (ctx.emptyPageEvery), an empty page that still
// carries a NextToken, as AWS warns its List calls may: callers must page until NextToken is null.
import { z } from "zod";
import { accountNotFound, targetNotFound } from "../protocol/errors.js";
import { parseInput } from "../protocol/validate.js";
import type { SbAccount, SbWorld } from "../model.js";
import { epochSeconds, type OpTable } from "./context.js";
import { accountId, maxResults, organizationsToken } from "./patterns.js";

const S = "organizations";
const DEFAULT_PAGE = 20;
const TAGS_PAGE = 20;

const listAccountsInput = z.object({ MaxResults: maxResults(20), NextToken: organizationsToken });
const describeAccountInput = z.object({ AccountId: accountId });
const tagsInput = z.object({
  ResourceId: z
    .string()
    .max(130)
    .regex(
      /^(\d{12}|r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128}|r[pt]-[0-9a-zA-Z_]{4,128})$/,
    ),
  NextToken: organizationsToken,
});

function accountShape(world: SbWorld, partition: string, a: SbAccount): Record<string, unknown> {
  const org = world.organization;
  return {
    Id: a.Id,
    Arn: `arn:${partition}:organizations::${org.MasterAccountId}:account/${org.Id}/${a.Id}`,
    Email: a.Email,
    Name: a.Name,
    Status: a.Status,
    State: a.State,
    JoinedMethod: a.JoinedMethod,
    JoinedTimestamp: epochSeconds(a.JoinedTimestamp),
  };
}

export const organizationsOps: OpTable = {
  DescribeOrganization(ctx) {
    const o = ctx.world.organization;
    return {
      Organization: {
        Id: o.Id,
        Arn: o.Arn,
        FeatureSet: o.FeatureSet,
        MasterAccountArn: o.MasterAccountArn,
        MasterAccountId: o.MasterAccountId,
        MasterAccountEmail: o.MasterAccountEmail,
        AvailablePolicyTypes: [],
      },
    };
  },

  ListAccounts(ctx, body) {
    const input = parseInput(S, listAccountsInput, body);
    const accounts = ctx.world.accounts;
    const state = ctx.pager.decode(S, "ListAccounts", "", input.NextToken);
    const every = ctx.emptyPageEvery;
    if (every > 0 && state.page % (every + 1) === every && state.offset < accounts.length) {
      const next = ctx.pager.encode("ListAccounts", "", { offset: state.offset, page: state.page + 1 });
      return { Accounts: [], NextToken: next };
    }
    const end = Math.min(accounts.length, state.offset + (input.MaxResults ?? DEFAULT_PAGE));
    const next =
      end < accounts.length
        ? ctx.pager.encode("ListAccounts", "", { offset: end, page: state.page + 1 })
        : undefined;
    const partition = ctx.index.partition;
    return {
      Accounts: accounts.slice(state.offset, end).map((a) => accountShape(ctx.world, partition, a)),
      NextToken: next,
    };
  },

  DescribeAccount(ctx, body) {
    const input = parseInput(S, describeAccountInput, body);
    const found = ctx.index.accountsById.get(input.AccountId);
    if (found === undefined) throw accountNotFound(input.AccountId);
    return { Account: accountShape(ctx.world, ctx.index.partition, found) };
  },

  /** Accounts only: the sandbox has no roots, OUs or policies to tag (TargetNotFoundException). */
  ListTagsForResource(ctx, body) {
    const input = parseInput(S, tagsInput, body);
    const found = ctx.index.accountsById.get(input.ResourceId);
    if (found === undefined) throw targetNotFound(input.ResourceId);
    const p = ctx.pager.page(
      S,
      "ListTagsForResource",
      input.ResourceId,
      found.Tags,
      TAGS_PAGE,
      input.NextToken,
    );
    return { Tags: p.items, NextToken: p.nextToken };
  },
};
