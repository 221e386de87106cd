// Ground truth that tests compare the connector against, computed from the world alone (in the
// sandbox's own terms: nothing here is shared with the connector or the engine).
//
// Access semantics: one row per (live user, account, permission set). A USER assignment whose
// user exists is a DIRECT path; a GROUP assignment whose group exists is a GROUP path for each
// existing member. Orphaned assignments (principal gone) grant nothing. Only assignments on
// pairs the per-account read plan can reach count: the account is in `accounts`, the permission
// set in `permissionSets`, and the set is provisioned to the account (AWS guarantees the last).
// Ordering: plain UTF-16 code-unit comparison of ids (what `<` does; byte order for ASCII ids).
import type { SbAssignment, SbWorld } from "./model.js";

export type AccessPath = { type: "DIRECT" } | { type: "GROUP"; groupId: string };

export interface ExpectedAccessRow {
  userId: string;
  accountId: string;
  permissionSetArn: string;
  /** DIRECT first, then GROUP paths by group id. */
  via: AccessPath[];
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function ranked(ids: Iterable<string>): { sorted: string[]; rank: Map<string, number> } {
  const sorted = [...new Set(ids)].sort(compareIds);
  return { sorted, rank: new Map(sorted.map((id, i) => [id, i])) };
}

interface Paths {
  direct: boolean;
  /** Ascending, unique: filled from the user's groups in id order. */
  groups: string[];
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Rows sorted by userId, accountId, permissionSetArn. Works user by user (in id order), so only
 * one user's rows are being assembled at a time: linear in the rows produced.
 */
export function expectedAccess(world: SbWorld): ExpectedAccessRow[] {
  const users = ranked(world.users.map((u) => u.UserId));
  const accounts = ranked(world.accounts.map((a) => a.Id));
  const sets = ranked(world.permissionSets.map((p) => p.PermissionSetArn));
  const groups = ranked(world.groups.map((g) => g.GroupId));
  const setCount = sets.sorted.length;
  // A pair is account rank * setCount + permission set rank: its order is (account, set).
  const provisioned = new Set<number>();
  for (const [accountId, arns] of Object.entries(world.provisioned)) {
    const ar = accounts.rank.get(accountId);
    if (ar === undefined) continue;
    for (const arn of arns) {
      const pr = sets.rank.get(arn);
      if (pr !== undefined) provisioned.add(ar * setCount + pr);
    }
  }
  const directPairs = new Map<number, number[]>(); // user rank -> pairs
  const groupPairs = new Map<number, number[]>(); // group rank -> pairs
  for (const a of world.assignments) {
    const ar = accounts.rank.get(a.AccountId);
    const pr = sets.rank.get(a.PermissionSetArn);
    if (ar === undefined || pr === undefined || !provisioned.has(ar * setCount + pr)) continue;
    const principal = (a.PrincipalType === "USER" ? users : groups).rank.get(a.PrincipalId);
    if (principal === undefined) continue; // orphaned: grants nothing
    push(a.PrincipalType === "USER" ? directPairs : groupPairs, principal, ar * setCount + pr);
  }
  const userGroups = new Map<number, number[]>(); // user rank -> group ranks
  for (const m of world.memberships) {
    const u = users.rank.get(m.UserId);
    const g = groups.rank.get(m.GroupId);
    if (u !== undefined && g !== undefined && groupPairs.has(g)) push(userGroups, u, g);
  }
  const rows: ExpectedAccessRow[] = [];
  const local = new Map<number, Paths>();
  for (let u = 0; u < users.sorted.length; u++) {
    const userId = users.sorted[u] ?? "";
    local.clear();
    for (const pair of directPairs.get(u) ?? []) local.set(pair, { direct: true, groups: [] });
    const memberOf = (userGroups.get(u) ?? []).sort((x, y) => x - y);
    for (let i = 0; i < memberOf.length; i++) {
      const g = memberOf[i] ?? 0;
      if (i > 0 && memberOf[i - 1] === g) continue;
      const groupId = groups.sorted[g] ?? "";
      for (const pair of groupPairs.get(g) ?? []) {
        const p = local.get(pair);
        if (p === undefined) local.set(pair, { direct: false, groups: [groupId] });
        else if (p.groups[p.groups.length - 1] !== groupId) p.groups.push(groupId);
      }
    }
    for (const pair of [...local.keys()].sort((x, y) => x - y)) {
      const p = local.get(pair);
      const via: AccessPath[] = p?.direct === true ? [{ type: "DIRECT" }] : [];
      for (const groupId of p?.groups ?? []) via.push({ type: "GROUP", groupId });
      rows.push({
        userId,
        accountId: accounts.sorted[Math.floor(pair / setCount)] ?? "",
        permissionSetArn: sets.sorted[pair % setCount] ?? "",
        via,
      });
    }
  }
  return rows;
}

/** Assignments whose principal (user or group) no longer exists, in world order. */
export function orphanedAssignments(world: SbWorld): SbAssignment[] {
  const users = new Set(world.users.map((u) => u.UserId));
  const groups = new Set(world.groups.map((g) => g.GroupId));
  return world.assignments.filter((a) =>
    a.PrincipalType === "USER" ? !users.has(a.PrincipalId) : !groups.has(a.PrincipalId),
  );
}

export { planCallCounts, DEFAULT_PAGE_SIZES, SERVER_DEFAULT_EMPTY_PAGE_EVERY } from "./truth-calls.js";
export type { PlanPageSizes, PlanCallOptions } from "./truth-calls.js";
