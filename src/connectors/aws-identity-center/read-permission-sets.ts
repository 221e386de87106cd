// Permission sets: the list, then per set its description, policies, tags and boundary, read in
// parallel. Tags and the boundary are optional: denied, they are left out with a warning.
import {
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  paginateListCustomerManagedPolicyReferencesInPermissionSet,
  paginateListManagedPoliciesInPermissionSet,
  paginateListPermissionSets,
  paginateListTagsForResource,
  type PermissionsBoundary as AwsPermissionsBoundary,
} from "@aws-sdk/client-sso-admin";
import { NotFoundError } from "../../domain/errors.js";
import type { PermissionSet } from "../../domain/model.js";
import { allSettledOrThrow, mapConcurrent } from "../../aws-calls/concurrency.js";
import { tagsToRecord } from "./mappers/organizations.js";
import { mapPermissionSet } from "./mappers/sso-admin.js";
import { CONCURRENCY, PAGE_SIZES } from "./plan.js";
import { DENIED, type ReadContext } from "./read-context.js";

export async function readPermissionSets(ctx: ReadContext): Promise<PermissionSet[]> {
  const action = "sso:ListPermissionSets";
  const pages = paginateListPermissionSets(
    { client: ctx.clients.ssoAdmin, pageSize: PAGE_SIZES[action] },
    { InstanceArn: ctx.values.instanceArn },
    ctx.sendOptions,
  );
  async function* arns(): AsyncGenerator<string> {
    const seen = new Set<string>();
    for await (const page of ctx.pages(action, pages)) {
      for (const arn of page.PermissionSets ?? []) {
        if (seen.has(arn)) continue;
        seen.add(arn);
        yield arn;
      }
    }
  }
  return mapConcurrent(
    arns(),
    CONCURRENCY.permissionSets,
    async (arn) => {
      const ps = await readPermissionSet(ctx, arn);
      ctx.progress("permissionSets", 1);
      return ps;
    },
    { signal: ctx.signal },
  );
}

async function readPermissionSet(ctx: ReadContext, arn: string): Promise<PermissionSet> {
  const { ssoAdmin } = ctx.clients;
  const input = { InstanceArn: ctx.values.instanceArn, PermissionSetArn: arn };
  const managedAction = "sso:ListManagedPoliciesInPermissionSet";
  const customerAction = "sso:ListCustomerManagedPolicyReferencesInPermissionSet";
  const [described, managedPolicies, customerManagedPolicies, inline, tags, boundary] =
    await allSettledOrThrow([
      ctx.call("sso:DescribePermissionSet", () =>
        ssoAdmin.send(new DescribePermissionSetCommand(input), ctx.sendOptions),
      ),
      ctx.collect(
        managedAction,
        paginateListManagedPoliciesInPermissionSet(
          { client: ssoAdmin, pageSize: PAGE_SIZES[managedAction] },
          { ...input },
          ctx.sendOptions,
        ),
        (p) => p.AttachedManagedPolicies,
      ),
      ctx.collect(
        customerAction,
        paginateListCustomerManagedPolicyReferencesInPermissionSet(
          { client: ssoAdmin, pageSize: PAGE_SIZES[customerAction] },
          { ...input },
          ctx.sendOptions,
        ),
        (p) => p.CustomerManagedPolicyReferences,
      ),
      ctx.call("sso:GetInlinePolicyForPermissionSet", () =>
        ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(input), ctx.sendOptions),
      ),
      readTags(ctx, arn),
      readBoundary(ctx, arn),
    ]);
  return mapPermissionSet({
    arn,
    described: described.PermissionSet,
    managedPolicies,
    customerManagedPolicies,
    inlinePolicy: inline.InlinePolicy,
    boundary,
    tags,
  });
}

async function readTags(ctx: ReadContext, arn: string): Promise<Record<string, string>> {
  const action = "sso:ListTagsForResource";
  const tags = await ctx.optional(action, "Permission set tags are missing", () =>
    ctx.collect(
      action,
      paginateListTagsForResource(
        { client: ctx.clients.ssoAdmin },
        { InstanceArn: ctx.values.instanceArn, ResourceArn: arn },
        ctx.sendOptions,
      ),
      (p) => p.Tags,
    ),
  );
  return tags === DENIED ? {} : tagsToRecord(tags);
}

/** A permission set without a boundary answers ResourceNotFoundException: that is "none". */
async function readBoundary(ctx: ReadContext, arn: string): Promise<AwsPermissionsBoundary | undefined> {
  const action = "sso:GetPermissionsBoundaryForPermissionSet";
  try {
    const result = await ctx.optional(action, "Permission set boundaries are missing", () =>
      ctx.clients.ssoAdmin.send(
        new GetPermissionsBoundaryForPermissionSetCommand({
          InstanceArn: ctx.values.instanceArn,
          PermissionSetArn: arn,
        }),
        ctx.sendOptions,
      ),
    );
    return result === DENIED ? undefined : result.PermissionsBoundary;
  } catch (err) {
    if (err instanceof NotFoundError && !ctx.signal.aborted) return undefined;
    throw err;
  }
}
