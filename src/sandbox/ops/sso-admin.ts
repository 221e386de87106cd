// SSO Admin read operations (SWBExternalService.*). Only the world's own instance, when it is an
// ORGANIZATION instance, has permission sets, provisioning and assignments: ACCOUNT instances and
// `otherInstances` answer every list with an empty page and every permission-set lookup with
// ResourceNotFoundException. An unknown instance ARN: ResourceNotFoundException (DescribeInstance,
// whose model has no such error: ValidationException). Page size when MaxResults is omitted: 100.
import { z } from "zod";
import { ssoNotFound, validationError } from "../protocol/errors.js";
import { parseInput } from "../protocol/validate.js";
import type { SbInstance, SbPermissionSet } from "../model.js";
import { epochSeconds, type OpContext, type OpTable } from "./context.js";
import { accountId, instanceArn, maxResults, permissionSetArn, resourceId, ssoToken } from "./patterns.js";
import { pairKey } from "./world-index.js";

const S = "sso";
const DEFAULT_PAGE = 100;
const TAGS_PAGE = 50;

const paged = { MaxResults: maxResults(100), NextToken: ssoToken };
const provisioningStatus = z
  .enum(["LATEST_PERMISSION_SET_PROVISIONED", "LATEST_PERMISSION_SET_NOT_PROVISIONED"])
  .optional();
const instanceInput = z.object({ InstanceArn: instanceArn });
const listInstancesInput = z.object(paged);
const listPsInput = z.object({ InstanceArn: instanceArn, ...paged });
const psInput = z.object({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn });
const psPagedInput = z.object({ InstanceArn: instanceArn, PermissionSetArn: permissionSetArn, ...paged });
const assignmentsInput = z.object({
  InstanceArn: instanceArn,
  AccountId: accountId,
  PermissionSetArn: permissionSetArn,
  ...paged,
});
const forPrincipalInput = z.object({
  InstanceArn: instanceArn,
  PrincipalId: resourceId,
  PrincipalType: z.enum(["USER", "GROUP"]),
  Filter: z.object({ AccountId: accountId.optional() }).optional(),
  ...paged,
});
const provisionedToAccountInput = z.object({
  InstanceArn: instanceArn,
  AccountId: accountId,
  ProvisioningStatus: provisioningStatus,
  ...paged,
});
const accountsForPsInput = z.object({
  InstanceArn: instanceArn,
  PermissionSetArn: permissionSetArn,
  ProvisioningStatus: provisioningStatus,
  ...paged,
});
const tagsInput = z.object({
  ResourceArn: z
    .string()
    .min(10)
    .max(2048)
    .regex(
      /^arn:(aws|aws-us-gov|aws-cn|aws-iso|aws-iso-b|aws-iso-[a-z]|aws-eusc):sso:(::|[^:]*:\d{12}:)[a-zA-Z0-9./_-]+$/,
    ),
  InstanceArn: instanceArn.optional(),
  NextToken: ssoToken,
});

function instance(ctx: OpContext, arn: string): SbInstance {
  const found = ctx.index.instancesByArn.get(arn);
  if (found === undefined) throw ssoNotFound(`Could not find Identity Center instance ${arn}`);
  return found;
}

/** Whether this instance has multi-account permissions (permission sets, assignments). */
function hasPermissionSets(ctx: OpContext, arn: string): boolean {
  const i = instance(ctx, arn);
  return i === ctx.world.instance && i.Type === "ORGANIZATION";
}

function permissionSet(ctx: OpContext, instanceArnValue: string, arn: string): SbPermissionSet {
  const found = hasPermissionSets(ctx, instanceArnValue) ? ctx.index.permissionSetsByArn.get(arn) : undefined;
  if (found === undefined) throw ssoNotFound(`Could not find PermissionSet with arn ${arn}`);
  return found;
}

function instanceShape(ctx: OpContext, i: SbInstance): Record<string, unknown> {
  return {
    InstanceArn: i.InstanceArn,
    IdentityStoreId: i.IdentityStoreId,
    OwnerAccountId: i.OwnerAccountId,
    Name: i.Name,
    CreatedDate: epochSeconds(i.CreatedDate),
    Status: i.Status,
    PrimaryRegion: ctx.world.region,
    Regions: [
      {
        RegionName: ctx.world.region,
        Status: "ACTIVE",
        AddedDate: epochSeconds(i.CreatedDate),
        IsPrimaryRegion: true,
      },
    ],
  };
}

function page<T>(
  ctx: OpContext,
  op: string,
  key: string,
  items: readonly T[],
  max: number | undefined,
  token: string | undefined,
) {
  return ctx.pager.page(S, op, key, items, max ?? DEFAULT_PAGE, token);
}

export const ssoAdminOps: OpTable = {
  ListInstances(ctx, body) {
    const input = parseInput(S, listInstancesInput, body);
    const all = [ctx.world.instance, ...ctx.world.otherInstances];
    const p = page(ctx, "ListInstances", "", all, input.MaxResults, input.NextToken);
    return { Instances: p.items.map((i) => instanceShape(ctx, i)), NextToken: p.nextToken };
  },

  DescribeInstance(ctx, body) {
    const input = parseInput(S, instanceInput, body);
    const found = ctx.index.instancesByArn.get(input.InstanceArn);
    if (found === undefined) throw validationError(S, `The instance ${input.InstanceArn} does not exist`);
    const { Regions: _regions, ...shape } = instanceShape(ctx, found);
    return { ...shape, PermissionSetsEnabled: found.Type === "ORGANIZATION" };
  },

  ListPermissionSets(ctx, body) {
    const input = parseInput(S, listPsInput, body);
    const all = hasPermissionSets(ctx, input.InstanceArn) ? ctx.index.permissionSetArns : [];
    const p = page(ctx, "ListPermissionSets", input.InstanceArn, all, input.MaxResults, input.NextToken);
    return { PermissionSets: p.items, NextToken: p.nextToken };
  },

  DescribePermissionSet(ctx, body) {
    const input = parseInput(S, psInput, body);
    const ps = permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    return {
      PermissionSet: {
        Name: ps.Name,
        PermissionSetArn: ps.PermissionSetArn,
        Description: ps.Description,
        CreatedDate: epochSeconds(ps.CreatedDate),
        SessionDuration: ps.SessionDuration,
        RelayState: ps.RelayState,
      },
    };
  },

  ListAccountAssignments(ctx, body) {
    const input = parseInput(S, assignmentsInput, body);
    permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    const key = pairKey(input.AccountId, input.PermissionSetArn);
    const all = ctx.index.assignmentsByPair.get(key) ?? [];
    const p = page(ctx, "ListAccountAssignments", key, all, input.MaxResults, input.NextToken);
    return {
      AccountAssignments: p.items.map((a) => ({
        AccountId: a.AccountId,
        PermissionSetArn: a.PermissionSetArn,
        PrincipalType: a.PrincipalType,
        PrincipalId: a.PrincipalId,
      })),
      NextToken: p.nextToken,
    };
  },

  /** Direct assignments of the principal only (a user's group assignments are not included). */
  ListAccountAssignmentsForPrincipal(ctx, body) {
    const input = parseInput(S, forPrincipalInput, body);
    const principal = `${input.PrincipalType}|${input.PrincipalId}`;
    let all = hasPermissionSets(ctx, input.InstanceArn)
      ? (ctx.index.assignmentsByPrincipal.get(principal) ?? [])
      : [];
    const accountFilter = input.Filter?.AccountId;
    if (accountFilter !== undefined) all = all.filter((a) => a.AccountId === accountFilter);
    const key = `${principal}|${accountFilter ?? ""}`;
    const p = page(ctx, "ListAccountAssignmentsForPrincipal", key, all, input.MaxResults, input.NextToken);
    return {
      AccountAssignments: p.items.map((a) => ({
        AccountId: a.AccountId,
        PermissionSetArn: a.PermissionSetArn,
        PrincipalId: a.PrincipalId,
        PrincipalType: a.PrincipalType,
      })),
      NextToken: p.nextToken,
    };
  },

  /** Every provisioned permission set counts as LATEST_PERMISSION_SET_PROVISIONED. */
  ListPermissionSetsProvisionedToAccount(ctx, body) {
    const input = parseInput(S, provisionedToAccountInput, body);
    const visible =
      hasPermissionSets(ctx, input.InstanceArn) &&
      input.ProvisioningStatus !== "LATEST_PERMISSION_SET_NOT_PROVISIONED";
    const all = visible ? (ctx.world.provisioned[input.AccountId] ?? []) : [];
    const key = `${input.AccountId}|${input.ProvisioningStatus ?? ""}`;
    const p = page(
      ctx,
      "ListPermissionSetsProvisionedToAccount",
      key,
      all,
      input.MaxResults,
      input.NextToken,
    );
    return { PermissionSets: p.items, NextToken: p.nextToken };
  },

  ListAccountsForProvisionedPermissionSet(ctx, body) {
    const input = parseInput(S, accountsForPsInput, body);
    permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    const all =
      input.ProvisioningStatus === "LATEST_PERMISSION_SET_NOT_PROVISIONED"
        ? []
        : (ctx.index.accountsByPermissionSet.get(input.PermissionSetArn) ?? []);
    const key = `${input.PermissionSetArn}|${input.ProvisioningStatus ?? ""}`;
    const p = page(
      ctx,
      "ListAccountsForProvisionedPermissionSet",
      key,
      all,
      input.MaxResults,
      input.NextToken,
    );
    return { AccountIds: p.items, NextToken: p.nextToken };
  },

  ListManagedPoliciesInPermissionSet(ctx, body) {
    const input = parseInput(S, psPagedInput, body);
    const ps = permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    const p = page(
      ctx,
      "ListManagedPoliciesInPermissionSet",
      ps.PermissionSetArn,
      ps.ManagedPolicies,
      input.MaxResults,
      input.NextToken,
    );
    return { AttachedManagedPolicies: p.items, NextToken: p.nextToken };
  },

  GetInlinePolicyForPermissionSet(ctx, body) {
    const input = parseInput(S, psInput, body);
    return { InlinePolicy: permissionSet(ctx, input.InstanceArn, input.PermissionSetArn).InlinePolicy };
  },

  ListCustomerManagedPolicyReferencesInPermissionSet(ctx, body) {
    const input = parseInput(S, psPagedInput, body);
    const ps = permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    const op = "ListCustomerManagedPolicyReferencesInPermissionSet";
    const p = page(
      ctx,
      op,
      ps.PermissionSetArn,
      ps.CustomerManagedPolicyReferences,
      input.MaxResults,
      input.NextToken,
    );
    return { CustomerManagedPolicyReferences: p.items, NextToken: p.nextToken };
  },

  /** No boundary attached: ResourceNotFoundException (AWS's answer is undocumented; this is our choice). */
  GetPermissionsBoundaryForPermissionSet(ctx, body) {
    const input = parseInput(S, psInput, body);
    const ps = permissionSet(ctx, input.InstanceArn, input.PermissionSetArn);
    if (ps.PermissionsBoundary === undefined) {
      throw ssoNotFound(`Could not find Permissions Boundary for PermissionSet ${ps.PermissionSetArn}`);
    }
    return { PermissionsBoundary: ps.PermissionsBoundary };
  },

  /** Tags of a permission set or of an instance (the sandbox's instances have none); 50 a page. */
  ListTagsForResource(ctx, body) {
    const input = parseInput(S, tagsInput, body);
    const arn = input.ResourceArn;
    let tags: readonly { Key: string; Value: string }[];
    if (ctx.index.instancesByArn.has(arn)) {
      tags = [];
    } else {
      const instanceArnValue = input.InstanceArn ?? ctx.world.instance.InstanceArn;
      tags = permissionSet(ctx, instanceArnValue, arn).Tags;
    }
    const p = ctx.pager.page(S, "ListTagsForResource", arn, tags, TAGS_PAGE, input.NextToken);
    return { Tags: p.items, NextToken: p.nextToken };
  },
};
