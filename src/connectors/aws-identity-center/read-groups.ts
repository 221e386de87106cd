// Groups and their memberships: each group's memberships are listed as soon as its page of
// groups arrives, a few groups at a time.
import { paginateListGroupMemberships, paginateListGroups } from "@aws-sdk/client-identitystore";
import type { Group, Membership } from "../../domain/model.js";
import { forEachConcurrent } from "../../aws-calls/concurrency.js";
import { mapGroup, mapMembership } from "./mappers/identity-store.js";
import { CONCURRENCY, PAGE_SIZES } from "./plan.js";
import type { ReadContext } from "./read-context.js";

export interface GroupsRead {
  groups: Group[];
  /** Every user membership AWS listed, including any naming a user that no longer exists. */
  memberships: Membership[];
}

export async function readGroupsAndMemberships(ctx: ReadContext): Promise<GroupsRead> {
  const groups: Group[] = [];
  const memberships: Membership[] = [];
  const action = "identitystore:ListGroups";
  const groupPages = paginateListGroups(
    { client: ctx.clients.identityStore, pageSize: PAGE_SIZES[action] },
    { IdentityStoreId: ctx.values.identityStoreId },
    ctx.sendOptions,
  );
  async function* groupIds(): AsyncGenerator<string> {
    for await (const page of ctx.pages(action, groupPages)) {
      const batch = (page.Groups ?? []).map(mapGroup);
      groups.push(...batch);
      ctx.progress("groups", batch.length);
      for (const g of batch) yield g.groupId;
    }
  }
  await forEachConcurrent(
    groupIds(),
    CONCURRENCY.memberships,
    async (groupId) => {
      const found = await readMembershipsOf(ctx, groupId);
      memberships.push(...found);
      ctx.progress("memberships", found.length);
    },
    { signal: ctx.signal },
  );
  return { groups, memberships };
}

async function readMembershipsOf(ctx: ReadContext, groupId: string): Promise<Membership[]> {
  const action = "identitystore:ListGroupMemberships";
  const pages = paginateListGroupMemberships(
    { client: ctx.clients.identityStore, pageSize: PAGE_SIZES[action] },
    { IdentityStoreId: ctx.values.identityStoreId, GroupId: groupId },
    ctx.sendOptions,
  );
  const found: Membership[] = [];
  for await (const page of ctx.pages(action, pages)) {
    for (const m of page.GroupMemberships ?? []) {
      const mapped = mapMembership(m, groupId);
      if (mapped !== null) found.push(mapped);
    }
  }
  return found;
}
