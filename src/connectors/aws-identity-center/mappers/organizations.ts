// Pure mappers from Organizations SDK shapes (and tag lists of any service) to the domain model.
import type { Account as AwsAccount } from "@aws-sdk/client-organizations";
import type { Account } from "../../../domain/model.js";
import { sortRecord } from "../../../domain/sort.js";

export interface AwsTagLike {
  Key?: string | undefined;
  Value?: string | undefined;
}

/** A tag list as a record with sorted keys; a later duplicate key wins, as a map would keep it. */
export function tagsToRecord(tags: readonly AwsTagLike[] | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key !== undefined) record[tag.Key] = tag.Value ?? "";
  }
  return sortRecord(record);
}

/** `State` replaces `Status` (retired by AWS in 2026); older responses carry only `Status`. */
export function mapAccount(
  account: Pick<AwsAccount, "Id" | "Name" | "Email" | "State" | "Status">,
  tags: Record<string, string> = {},
): Account {
  if (account.Id === undefined) throw new TypeError("Organizations returned an account without Id");
  return {
    accountId: account.Id,
    name: account.Name ?? null,
    email: account.Email ?? null,
    status: account.State ?? account.Status ?? null,
    tags,
  };
}

/** An account known only by id (seen in an assignment while Organizations could not be read). */
export function unknownAccount(accountId: string): Account {
  return { accountId, name: null, email: null, status: null, tags: {} };
}
