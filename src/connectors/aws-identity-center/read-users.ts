// Users: every page of ListUsers, mapped as it arrives.
import { paginateListUsers } from "@aws-sdk/client-identitystore";
import type { User } from "../../domain/model.js";
import { mapUser } from "./mappers/identity-store.js";
import { PAGE_SIZES } from "./plan.js";
import type { ReadContext } from "./read-context.js";

export async function readUsers(ctx: ReadContext): Promise<User[]> {
  const action = "identitystore:ListUsers";
  const pages = paginateListUsers(
    { client: ctx.clients.identityStore, pageSize: PAGE_SIZES[action] },
    { IdentityStoreId: ctx.values.identityStoreId },
    ctx.sendOptions,
  );
  const users: User[] = [];
  for await (const page of ctx.pages(action, pages)) {
    const batch = page.Users ?? [];
    for (const user of batch) users.push(mapUser(user));
    ctx.progress("users", batch.length);
  }
  return users;
}
