// Effective access: who can use which (account, permission set), and through which paths.
// Pure and linear in (assignments x group sizes): built to resolve ~1,000,000 rows (100k users,
// 10k groups) without quadratic work or a string key per row.
import type { AccessGrant, AccessPath, Assignment, Group, Membership, User } from "./model.js";
import { compareAssignments, compareStrings } from "./sort.js";

export interface EffectiveAccessInput {
  users: readonly Pick<User, "userId">[];
  groups: readonly Pick<Group, "groupId">[];
  memberships: readonly Membership[];
  assignments: readonly Assignment[];
}

export interface EffectiveAccess {
  /** One row per (user, account, permission set), sorted by userId, accountId, permissionSetArn. */
  access: AccessGrant[];
  /** Assignments whose user or group does not exist: they grant nothing. Sorted like assignments. */
  orphanedAssignments: Assignment[];
}

const DIRECT: AccessPath = Object.freeze({ type: "DIRECT" as const });

/**
 * Resolves access from assignments: a USER assignment is a DIRECT path, a GROUP assignment a GROUP
 * path for each member of the group. Memberships naming a missing user or group are ignored.
 * `via` lists DIRECT first, then groups by groupId. Path objects are shared and frozen.
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
  const access: AccessGrant[] = [];
  for (let u = 0; u < userIds.length; u++) {
    const list = perUser[u];
    if (list === undefined) continue;
    const codes = Float64Array.from(list).sort();
    const userId = userIds[u] as string;
    let current: AccessGrant | undefined;
    let currentTarget = -1;
    let previousCode = -1;
    for (const code of codes) {
      if (code === previousCode) continue;
      previousCode = code;
      const target = Math.floor(code / paths);
      const pathCode = code - target * paths;
      if (target !== currentTarget) {
        const t = targets[target] as { accountId: string; permissionSetArn: string };
        current = { userId, accountId: t.accountId, permissionSetArn: t.permissionSetArn, via: [] };
        access.push(current);
        currentTarget = target;
      }
      current?.via.push(pathCode === 0 ? DIRECT : (groupPaths[pathCode - 1] as AccessPath));
    }
  }
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
