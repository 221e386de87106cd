// Identity Store response shapes (AWS JSON: timestamps in epoch seconds), cached per revision
// as serialized text so big pages are joined, not re-serialized.
import type { SbGroup, SbMembership, SbUser } from "../model.js";
import { epochSeconds } from "./context.js";
import type { WorldIndex } from "./world-index.js";

export function userShape(storeId: string, u: SbUser): Record<string, unknown> {
  return {
    ...u,
    IdentityStoreId: storeId,
    CreatedAt: epochSeconds(u.CreatedAt),
    UpdatedAt: epochSeconds(u.UpdatedAt),
  };
}

export function groupShape(storeId: string, g: SbGroup): Record<string, unknown> {
  return {
    ...g,
    IdentityStoreId: storeId,
    CreatedAt: epochSeconds(g.CreatedAt),
    UpdatedAt: epochSeconds(g.UpdatedAt),
  };
}

export function membershipShape(storeId: string, m: SbMembership): Record<string, unknown> {
  return {
    IdentityStoreId: storeId,
    MembershipId: m.MembershipId,
    GroupId: m.GroupId,
    MemberId: { UserId: m.UserId },
  };
}

function cached<T extends object>(
  index: WorldIndex,
  item: T,
  shape: (storeId: string, item: T) => Record<string, unknown>,
  storeId: string,
): Buffer {
  let bytes = index.json.get(item);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(shape(storeId, item)));
    index.json.set(item, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(",");

/** `{"<listName>":[...],"NextToken":...}` from cached item bytes. */
export function listJson<T extends object>(
  index: WorldIndex,
  listName: string,
  items: readonly T[],
  shape: (storeId: string, item: T) => Record<string, unknown>,
  storeId: string,
  nextToken: string | undefined,
): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"${listName}":[`)];
  items.forEach((item, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(cached(index, item, shape, storeId));
  });
  parts.push(Buffer.from(nextToken === undefined ? "]}" : `],"NextToken":${JSON.stringify(nextToken)}}`));
  return Buffer.concat(parts);
}
