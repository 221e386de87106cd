// Generated groups and memberships. Group sizes are skewed (a few large, many small, some
// empty); with 150 users or more one group has more than 100 members, so ListGroupMemberships
// paging crosses AWS's 100-item page limit.
import type { SbGroup, SbMembership, SbUser } from "./model.js";
import type { ResolvedGenerateOptions } from "./generate-options.js";
import type { Rng } from "./rng.js";
import { createdUpdated, identityId } from "./generate-ids.js";
import { GROUP_DESCRIPTIONS, TEAMS } from "./names.js";
import { SCIM_ISSUER } from "./generate-users.js";

/** Users needed before the big group (more than 100 members) is guaranteed. */
export const BIG_GROUP_MIN_USERS = 150;
const GROUP_SIZE_SKEW = 0.6;

export function generateGroups(o: ResolvedGenerateOptions, rng: Rng, prefix: string): SbGroup[] {
  const groups: SbGroup[] = new Array<SbGroup>(o.groups);
  for (let i = 0; i < o.groups; i++) {
    const team = TEAMS[i % TEAMS.length] ?? "Team";
    const round = Math.floor(i / TEAMS.length);
    const group: SbGroup = {
      GroupId: identityId(rng, prefix),
      DisplayName: round === 0 ? team : `${team} ${round + 1}`,
      CreatedAt: "",
      UpdatedAt: "",
    };
    if (rng.chance(0.7)) group.Description = rng.pick(GROUP_DESCRIPTIONS);
    if (rng.chance(0.2)) group.ExternalIds = [{ Issuer: SCIM_ISSUER, Id: rng.uuid() }];
    const { created, updated } = createdUpdated(rng);
    group.CreatedAt = created;
    group.UpdatedAt = updated;
    groups[i] = group;
  }
  return groups;
}

/** Indices of groups left empty: about 5%, at least one when there are 2 groups or more; never group 0. */
function emptyGroups(rng: Rng, groups: number): Set<number> {
  if (groups < 2) return new Set();
  const count = Math.max(1, Math.round(groups * 0.05));
  return new Set(rng.sample(groups - 1, Math.min(count, groups - 1)).map((i) => i + 1));
}

/** Cumulative Zipf-like weights over non-empty groups, ranked in a random order. */
function cumulativeWeights(rng: Rng, groups: number, empty: Set<number>): Float64Array {
  const rank = Array.from({ length: groups }, (_, i) => i);
  for (let i = groups - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = rank[i] ?? 0;
    rank[i] = rank[j] ?? 0;
    rank[j] = t;
  }
  const cumulative = new Float64Array(groups);
  let total = 0;
  for (let g = 0; g < groups; g++) {
    if (!empty.has(g)) total += 1 / Math.pow((rank[g] ?? 0) + 1, GROUP_SIZE_SKEW);
    cumulative[g] = total;
  }
  return cumulative;
}

function drawGroup(rng: Rng, cumulative: Float64Array): number {
  const target = rng.next() * (cumulative[cumulative.length - 1] ?? 0);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Unique (group, user) pairs, listed group by group in group order, members in user order. */
export function generateMemberships(
  o: ResolvedGenerateOptions,
  rng: Rng,
  users: readonly SbUser[],
  groups: readonly SbGroup[],
  prefix: string,
): SbMembership[] {
  if (groups.length === 0 || users.length === 0) return [];
  const empty = emptyGroups(rng, groups.length);
  const nonEmpty = groups.length - empty.size;
  const cumulative = cumulativeWeights(rng, groups.length, empty);
  const bigSize = users.length >= BIG_GROUP_MIN_USERS ? 101 + Math.floor(users.length / 100) : 0;
  const bigStride = bigSize > 0 ? Math.floor(users.length / bigSize) : 0;
  const members: number[][] = groups.map(() => []);
  const mine: number[] = [];
  for (let u = 0; u < users.length; u++) {
    mine.length = 0;
    if (bigStride > 0 && u % bigStride === 0 && u / bigStride < bigSize) mine.push(0);
    const want = Math.min(rng.around(o.groupsPerUser), nonEmpty);
    for (let attempts = 0; mine.length < want && attempts < want * 4; attempts++) {
      const g = drawGroup(rng, cumulative);
      if (!mine.includes(g)) mine.push(g);
    }
    for (const g of mine) members[g]?.push(u);
  }
  const out: SbMembership[] = [];
  for (let g = 0; g < groups.length; g++) {
    const groupId = groups[g]?.GroupId ?? "";
    for (const u of members[g] ?? []) {
      out.push({ MembershipId: identityId(rng, prefix), GroupId: groupId, UserId: users[u]?.UserId ?? "" });
    }
  }
  return out;
}
