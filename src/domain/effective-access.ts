// Effective access: who can use which (account, permission set), and through which paths.
// Pure and linear in (assignments x group sizes): built to resolve ~1,000,000 rows (100k users,
// 10k groups) without quadratic work or a string key per row.
import { CompactAccessRowsBuilder, type AccessRows } from "./access-rows.js";
import type { AccessPath, Assignment, Group, Membership, User } from "./model.js";
import { compareAssignments, compareStrings } from "./sort.js";
import { sharedVia } from "./via.js";

export interface EffectiveAccessInput {
  users: readonly Pick<User, "userId">[];
  groups: readonly Pick<Group, "groupId">[];
  memberships: readonly Membership[];
  assignments: readonly Assignment[];
}

export interface EffectiveAccess {
  /** One row per (user, account, permission set), sorted by userId, accountId, permissionSetArn. */
  access: AccessRows;
  /** Assignments whose user or group does not exist: they grant nothing. Sorted like assignments. */
  orphanedAssignments: Assignment[];
}

const DIRECT: AccessPath = Object.freeze({ type: "DIRECT" as const });

/**
 * Resolves access from assignments: a USER assignment is a DIRECT path, a GROUP assignment a GROUP
 * path for each member of the group. Memberships naming a missing user or group are ignored.
 * `via` lists DIRECT first, then groups by groupId. Paths and `via` lists are shared and frozen.
 */
export function resolveEffectiveAccess(input: EffectiveAccessInput): EffectiveAccess {
  const userIds = uniqueSorted(input.users.map((u) => u.userId));
  const groupIds = uniqueSorted(input.groups.map((g) => g.groupId));
  const userRank = rankOf(userIds);
  const groupRank = rankOf(groupIds);

  const membersOf: number[][] = groupIds.map(() => []);
  for (const m of input.memberships) {
    const u = userRank.get(m.userId);
    const g = groupRank.get(m.groupId);
    if (u !== undefined && g !== undefined) membersOf[g]?.push(u);
  }

  // Targets are the distinct (account, permission set) pairs, ranked in output order, so that one
  // number per path (target rank x paths + path code) sorts rows and paths together.
  const orphanedAssignments: Assignment[] = [];
  const live: { assignment: Assignment; principal: number; key: string }[] = [];
  const targetByKey = new Map<string, { accountId: string; permissionSetArn: string }>();
  for (const a of input.assignments) {
    const principal = (a.principalType === "USER" ? userRank : groupRank).get(a.principalId);
    if (principal === undefined) {
      orphanedAssignments.push(a);
      continue;
    }
    const key = `${a.accountId}\u0000${a.permissionSetArn}`;
    if (!targetByKey.has(key))
      targetByKey.set(key, { accountId: a.accountId, permissionSetArn: a.permissionSetArn });
    live.push({ assignment: a, principal, key });
  }
  const targets = [...targetByKey.values()].sort(
    (x, y) =>
      compareStrings(x.accountId, y.accountId) || compareStrings(x.permissionSetArn, y.permissionSetArn),
  );
  const targetRank = new Map<string, number>();
  targets.forEach((t, i) => targetRank.set(`${t.accountId}\u0000${t.permissionSetArn}`, i));

  // Path code 0 is DIRECT, 1 + g is the group of rank g.
  const paths = groupIds.length + 1;
  const perUser: (number[] | undefined)[] = new Array<number[] | undefined>(userIds.length);
  const add = (user: number, code: number) => {
    const list = perUser[user];
    if (list === undefined) perUser[user] = [code];
    else list.push(code);
  };
  for (const { assignment, principal, key } of live) {
    const base = (targetRank.get(key) ?? 0) * paths;
    if (assignment.principalType === "USER") {
      add(principal, base);
    } else {
      const code = base + 1 + principal;
      for (const member of membersOf[principal] ?? []) add(member, code);
    }
  }

  const groupPaths: AccessPath[] = groupIds.map((groupId) =>
    Object.freeze({ type: "GROUP" as const, groupId }),
  );
  const pathOf = (pathCode: number) => (pathCode === 0 ? DIRECT : (groupPaths[pathCode - 1] as AccessPath));
  // Rows with the same paths share one `via` (most have one path: a handful of lists), encoded once.
  const vias: (readonly AccessPath[])[] = [];
  // Keyed by the path code itself for the common one-path rows: no key string per row.
  const viaIndex = new Map<string | number, number>();
  const viaOf = (pathCodes: readonly number[]): number => {
    const key = pathCodes.length === 1 ? (pathCodes[0] as number) : pathCodes.join(",");
    let index = viaIndex.get(key);
    if (index === undefined) {
      index = vias.length;
      vias.push(sharedVia(pathCodes.map(pathOf)));
      viaIndex.set(key, index);
    }
    return index;
  };
  const builder = new CompactAccessRowsBuilder(targets, vias);
  const pathCodes: number[] = [];
  for (let u = 0; u < userIds.length; u++) {
    const list = perUser[u];
    if (list === undefined) continue;
    perUser[u] = undefined;
    const codes = Float64Array.from(list).sort();
    builder.user(userIds[u] as string);
    for (let i = 0; i < codes.length;) {
      const target = Math.floor((codes[i] as number) / paths);
      pathCodes.length = 0;
      for (; i < codes.length && Math.floor((codes[i] as number) / paths) === target; i++) {
        const pathCode = (codes[i] as number) - target * paths;
        if (pathCodes[pathCodes.length - 1] !== pathCode) pathCodes.push(pathCode);
      }
      builder.row(target, viaOf(pathCodes));
    }
  }
  const access = builder.build();
  return { access, orphanedAssignments: orphanedAssignments.sort(compareAssignments) };
}

function uniqueSorted(ids: string[]): string[] {
  return [...new Set(ids)].sort(compareStrings);
}

function rankOf(sortedIds: readonly string[]): Map<string, number> {
  const rank = new Map<string, number>();
  sortedIds.forEach((id, i) => rank.set(id, i));
  return rank;
}
