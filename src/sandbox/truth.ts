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
  groups: string[];
}

/** Rows sorted by userId, accountId, permissionSetArn. Linear in assignments x group sizes. */
export function expectedAccess(world: SbWorld): ExpectedAccessRow[] {
  const users = ranked(world.users.map((u) => u.UserId));
  const accounts = ranked(world.accounts.map((a) => a.Id));
  const sets = ranked(world.permissionSets.map((p) => p.PermissionSetArn));
  const groupIds = new Set(world.groups.map((g) => g.GroupId));
  const members = new Map<string, number[]>();
  for (const m of world.memberships) {
    const r = users.rank.get(m.UserId);
    if (r === undefined || !groupIds.has(m.GroupId)) continue;
    const list = members.get(m.GroupId);
    if (list === undefined) members.set(m.GroupId, [r]);
    else list.push(r);
  }
  const setCount = sets.sorted.length;
  const pairCount = accounts.sorted.length * setCount;
  const provisioned = new Set<number>();
  for (const [accountId, arns] of Object.entries(world.provisioned)) {
    const ar = accounts.rank.get(accountId);
    if (ar === undefined) continue;
    for (const arn of arns) {
      const pr = sets.rank.get(arn);
      if (pr !== undefined) provisioned.add(ar * setCount + pr);
    }
  }
  // Keys are numbers (user rank * pairs + pair), sortable without string comparisons.
  const paths = new Map<number, Paths>();
  const entry = (key: number): Paths => {
    let p = paths.get(key);
    if (p === undefined) {
      p = { direct: false, groups: [] };
      paths.set(key, p);
    }
    return p;
  };
  for (const a of world.assignments) {
    const ar = accounts.rank.get(a.AccountId);
    const pr = sets.rank.get(a.PermissionSetArn);
    if (ar === undefined || pr === undefined) continue;
    const pair = ar * setCount + pr;
    if (!provisioned.has(pair)) continue;
    if (a.PrincipalType === "USER") {
      const r = users.rank.get(a.PrincipalId);
      if (r !== undefined) entry(r * pairCount + pair).direct = true;
    } else if (groupIds.has(a.PrincipalId)) {
      for (const r of members.get(a.PrincipalId) ?? [])
        entry(r * pairCount + pair).groups.push(a.PrincipalId);
    }
  }
  const keys = Float64Array.from(paths.keys()).sort();
  const rows: ExpectedAccessRow[] = new Array<ExpectedAccessRow>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] ?? 0;
    const p = paths.get(key);
    const pair = key % pairCount;
    const via: AccessPath[] = p?.direct === true ? [{ type: "DIRECT" }] : [];
    const groups = p?.groups ?? [];
    const unique = groups.length > 1 ? [...new Set(groups)].sort(compareIds) : groups;
    for (const groupId of unique) via.push({ type: "GROUP", groupId });
    rows[i] = {
      userId: users.sorted[Math.floor(key / pairCount)] ?? "",
      accountId: accounts.sorted[Math.floor(pair / setCount)] ?? "",
      permissionSetArn: sets.sorted[pair % setCount] ?? "",
      via,
    };
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

export { planCallCounts, DEFAULT_PAGE_SIZES } from "./truth-calls.js";
export type { PlanPageSizes, PlanCallOptions } from "./truth-calls.js";
