// Identity Store read operations (AWSIdentityStore.*). Users, groups and memberships belong to
// the world's instance's store; the stores of `otherInstances` exist but are empty. Page size
// when MaxResults is omitted: 100 (AWS does not document its default).
import { z } from "zod";
import { identityStoreNotFound, validationError } from "../protocol/errors.js";
import { parseInput } from "../protocol/validate.js";
import type { SbUser } from "../model.js";
import type { OpContext, OpTable } from "./context.js";
import { groupShape, listJson, membershipShape, userShape } from "./identitystore-shapes.js";
import { identityStoreId, identityStoreToken, maxResults, resourceId } from "./patterns.js";

const DEFAULT_PAGE = 100;
const S = "identitystore";

const filters = z
  .array(
    z.strictObject({
      AttributePath: z.string().min(1).max(255),
      AttributeValue: z.string().min(1).max(1024),
    }),
  )
  .max(1)
  .optional();
const extensions = z
  .array(
    z
      .string()
      .min(1)
      .max(50)
      .regex(/^aws:identitystore:[a-z]{1,20}$/),
  )
  .min(1)
  .max(10)
  .optional();
const paged = {
  IdentityStoreId: identityStoreId,
  MaxResults: maxResults(100),
  NextToken: identityStoreToken,
};

const listUsersInput = z.object({ ...paged, Filters: filters, Extensions: extensions });
const listGroupsInput = z.object({ ...paged, Filters: filters });
const describeUserInput = z.object({
  IdentityStoreId: identityStoreId,
  UserId: resourceId,
  Extensions: extensions,
});
const describeGroupInput = z.object({ IdentityStoreId: identityStoreId, GroupId: resourceId });
const listMembershipsInput = z.object({ ...paged, GroupId: resourceId });
const listForMemberInput = z.object({ ...paged, MemberId: z.object({ UserId: resourceId }) });
const externalIdInput = z.object({ Issuer: z.string().min(1).max(100), Id: z.string().min(1).max(256) });
const alternateIdentifier = z.union([
  z.object({ ExternalId: externalIdInput }),
  z.object({
    UniqueAttribute: z.object({ AttributePath: z.string().min(1).max(255), AttributeValue: z.unknown() }),
  }),
]);
const getIdInput = z.object({ IdentityStoreId: identityStoreId, AlternateIdentifier: alternateIdentifier });

/** True for the world's own store, false for another instance's (empty) store; throws for unknown ids. */
function isMainStore(ctx: OpContext, storeId: string): boolean {
  if (storeId === ctx.world.instance.IdentityStoreId) return true;
  if (ctx.index.identityStoreIds.has(storeId)) return false;
  throw identityStoreNotFound("IDENTITY_STORE", storeId);
}

function checkExtensions(names: readonly string[] | undefined): void {
  for (const name of names ?? []) {
    if (name !== "aws:identitystore:enterprise") throw validationError(S, `Unsupported extension: ${name}`);
  }
}

/** One page of ListUsers / ListGroups: the optional single-attribute filter, then paging. */
function filteredPage<T extends object>(
  ctx: OpContext,
  op: "ListUsers" | "ListGroups",
  input: {
    IdentityStoreId: string;
    Filters?: { AttributePath: string; AttributeValue: string }[] | undefined;
    MaxResults?: number | undefined;
    NextToken?: string | undefined;
  },
  list: { all: readonly T[]; name: string; path: string; lookup: (value: string) => T[] | undefined },
  shape: (storeId: string, item: T) => Record<string, unknown>,
): Buffer {
  const filter = input.Filters?.[0];
  let items = list.all;
  if (filter !== undefined) {
    if (filter.AttributePath !== list.path) {
      throw validationError(S, `Invalid filter: AttributePath must be ${list.path}`);
    }
    items = list.lookup(filter.AttributeValue) ?? [];
  }
  const key = `${input.IdentityStoreId}|${filter?.AttributeValue ?? ""}`;
  const page = ctx.pager.page(S, op, key, items, input.MaxResults ?? DEFAULT_PAGE, input.NextToken);
  return listJson(ctx.index, list.name, page.items, shape, input.IdentityStoreId, page.nextToken);
}

function user(ctx: OpContext, storeId: string, userId: string): SbUser {
  const found = isMainStore(ctx, storeId) ? ctx.index.usersById.get(userId) : undefined;
  if (found === undefined) throw identityStoreNotFound("USER", userId);
  return found;
}

export const identityStoreOps: OpTable = {
  ListUsers(ctx, body) {
    const input = parseInput(S, listUsersInput, body);
    checkExtensions(input.Extensions);
    const all = isMainStore(ctx, input.IdentityStoreId) ? ctx.world.users : [];
    const lookup = (v: string) => ctx.index.usersByName.get(v);
    return filteredPage(ctx, "ListUsers", input, { all, name: "Users", path: "UserName", lookup }, userShape);
  },

  DescribeUser(ctx, body) {
    const input = parseInput(S, describeUserInput, body);
    checkExtensions(input.Extensions);
    return userShape(input.IdentityStoreId, user(ctx, input.IdentityStoreId, input.UserId));
  },

  ListGroups(ctx, body) {
    const input = parseInput(S, listGroupsInput, body);
    const all = isMainStore(ctx, input.IdentityStoreId) ? ctx.world.groups : [];
    const lookup = (v: string) => ctx.index.groupsByName.get(v);
    const list = { all, name: "Groups", path: "DisplayName", lookup };
    return filteredPage(ctx, "ListGroups", input, list, groupShape);
  },

  DescribeGroup(ctx, body) {
    const input = parseInput(S, describeGroupInput, body);
    const found = isMainStore(ctx, input.IdentityStoreId)
      ? ctx.index.groupsById.get(input.GroupId)
      : undefined;
    if (found === undefined) throw identityStoreNotFound("GROUP", input.GroupId);
    return groupShape(input.IdentityStoreId, found);
  },

  ListGroupMemberships(ctx, body) {
    const input = parseInput(S, listMembershipsInput, body);
    const main = isMainStore(ctx, input.IdentityStoreId);
    if (!main || !ctx.index.groupsById.has(input.GroupId))
      throw identityStoreNotFound("GROUP", input.GroupId);
    const items = ctx.index.membershipsByGroup.get(input.GroupId) ?? [];
    const key = `${input.IdentityStoreId}|${input.GroupId}`;
    const page = ctx.pager.page(
      S,
      "ListGroupMemberships",
      key,
      items,
      input.MaxResults ?? DEFAULT_PAGE,
      input.NextToken,
    );
    return listJson(
      ctx.index,
      "GroupMemberships",
      page.items,
      membershipShape,
      input.IdentityStoreId,
      page.nextToken,
    );
  },

  ListGroupMembershipsForMember(ctx, body) {
    const input = parseInput(S, listForMemberInput, body);
    const userId = input.MemberId.UserId;
    user(ctx, input.IdentityStoreId, userId);
    const items = ctx.index.membershipsByUser.get(userId) ?? [];
    const key = `${input.IdentityStoreId}|${userId}`;
    const op = "ListGroupMembershipsForMember";
    const page = ctx.pager.page(S, op, key, items, input.MaxResults ?? DEFAULT_PAGE, input.NextToken);
    return listJson(
      ctx.index,
      "GroupMemberships",
      page.items,
      membershipShape,
      input.IdentityStoreId,
      page.nextToken,
    );
  },

  GetUserId(ctx, body) {
    const input = parseInput(S, getIdInput, body);
    const main = isMainStore(ctx, input.IdentityStoreId);
    const alt = input.AlternateIdentifier;
    let found: SbUser | undefined;
    if ("ExternalId" in alt) {
      found = ctx.index.usersByExternalId.get(`${alt.ExternalId.Issuer}\n${alt.ExternalId.Id}`);
    } else {
      const path = alt.UniqueAttribute.AttributePath.toLowerCase();
      const value = alt.UniqueAttribute.AttributeValue;
      if (typeof value !== "string") throw validationError(S, "AttributeValue must be a string");
      if (path === "username") found = ctx.index.usersByName.get(value)?.[0];
      else if (path === "emails.value") found = ctx.index.usersByEmail.get(value)?.[0];
      else throw validationError(S, `Unsupported AttributePath: ${alt.UniqueAttribute.AttributePath}`);
    }
    if (!main || found === undefined) throw identityStoreNotFound("USER", "(alternate identifier)");
    return { UserId: found.UserId, IdentityStoreId: input.IdentityStoreId };
  },

  GetGroupId(ctx, body) {
    const input = parseInput(S, getIdInput, body);
    const main = isMainStore(ctx, input.IdentityStoreId);
    const alt = input.AlternateIdentifier;
    let groupId: string | undefined;
    if ("ExternalId" in alt) {
      groupId = ctx.index.groupsByExternalId.get(`${alt.ExternalId.Issuer}\n${alt.ExternalId.Id}`)?.GroupId;
    } else {
      const value = alt.UniqueAttribute.AttributeValue;
      if (alt.UniqueAttribute.AttributePath.toLowerCase() !== "displayname" || typeof value !== "string") {
        throw validationError(S, `Unsupported AttributePath: ${alt.UniqueAttribute.AttributePath}`);
      }
      groupId = ctx.index.groupsByName.get(value)?.[0]?.GroupId;
    }
    if (!main || groupId === undefined) throw identityStoreNotFound("GROUP", "(alternate identifier)");
    return { GroupId: groupId, IdentityStoreId: input.IdentityStoreId };
  },
};
