// What several rules need from one snapshot, built in one pass: lookups by id, member and
// assignment counts, and one walk over the (up to a million) access rows that keeps only counts
// and the few rows rules report on. Pure.
import type { FindingsActivity } from "../activity.js";
import type { AccessGrant, Account, Group, PermissionSet, Snapshot, User } from "../model.js";
import { analyzePermissionSet, type PermissionSetAnalysis } from "./permission-set-analysis.js";

export interface FindingsContext {
  snapshot: Snapshot;
  users: Map<string, User>;
  groups: Map<string, Group>;
  accounts: Map<string, Account>;
  permissionSets: Map<string, PermissionSet>;
  analysis: Map<string, PermissionSetAnalysis>;
  /** Members per group (memberships of users in the snapshot). */
  memberCount: Map<string, number>;
  /** Live (non-orphaned) assignments per group id, and per permission set ARN. */
  groupAssignments: Map<string, number>;
  permissionSetAssignments: Map<string, number>;
  /** Access rows per user id (users without any are absent). */
  accessRowsByUser: Map<string, number>;
  /** Access rows and distinct users per account id. */
  accessByAccount: Map<string, { rows: number; users: number }>;
  /** Rows on admin-equivalent permission sets. */
  adminRows: AccessGrant[];
  /** Rows of DISABLED users, by user id. */
  disabledUserRows: Map<string, AccessGrant[]>;
  /** Sign-in activity, only when known (CloudTrail read): absent, the inactivity rules are silent. */
  activity: FindingsActivity | undefined;
}

function byId<T>(items: readonly T[], id: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(id(item), item);
  return map;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function buildFindingsContext(snapshot: Snapshot, activity?: FindingsActivity): FindingsContext {
  const users = byId(snapshot.users, (u) => u.userId);
  const groups = byId(snapshot.groups, (g) => g.groupId);
  const permissionSets = byId(snapshot.permissionSets, (p) => p.arn);
  const analysis = new Map<string, PermissionSetAnalysis>();
  for (const ps of snapshot.permissionSets) analysis.set(ps.arn, analyzePermissionSet(ps));

  const memberCount = new Map<string, number>();
  for (const m of snapshot.memberships) if (users.has(m.userId)) increment(memberCount, m.groupId);

  const groupAssignments = new Map<string, number>();
  const permissionSetAssignments = new Map<string, number>();
  for (const a of snapshot.assignments) {
    // Orphaned assignments (principal gone) grant nothing: they are assignment.orphaned's alone.
    if (a.principalType === "USER" ? !users.has(a.principalId) : !groups.has(a.principalId)) continue;
    if (a.principalType === "GROUP") increment(groupAssignments, a.principalId);
    increment(permissionSetAssignments, a.permissionSetArn);
  }

  const accessRowsByUser = new Map<string, number>();
  const accessByAccount = new Map<string, { rows: number; users: number; last: string }>();
  const adminRows: AccessGrant[] = [];
  const disabledUserRows = new Map<string, AccessGrant[]>();
  let lastUser = "";
  let userCount = 0;
  let disabled: AccessGrant[] | null = null;
  for (const row of snapshot.access) {
    if (row.userId !== lastUser) {
      if (lastUser !== "") accessRowsByUser.set(lastUser, userCount);
      lastUser = row.userId;
      userCount = 0;
      disabled = users.get(row.userId)?.status === "DISABLED" ? [] : null;
      if (disabled !== null) disabledUserRows.set(row.userId, disabled);
    }
    userCount++;
    let perAccount = accessByAccount.get(row.accountId);
    if (perAccount === undefined) {
      perAccount = { rows: 0, users: 0, last: "" };
      accessByAccount.set(row.accountId, perAccount);
    }
    perAccount.rows++;
    // Rows come sorted by user: a user's rows on one account are counted once.
    if (perAccount.last !== row.userId) {
      perAccount.users++;
      perAccount.last = row.userId;
    }
    if (analysis.get(row.permissionSetArn)?.admin != null) adminRows.push(row);
    disabled?.push(row);
  }
  if (lastUser !== "") accessRowsByUser.set(lastUser, userCount);

  return {
    snapshot,
    users,
    groups,
    accounts: byId(snapshot.accounts, (a) => a.accountId),
    permissionSets,
    analysis,
    memberCount,
    groupAssignments,
    permissionSetAssignments,
    accessRowsByUser,
    accessByAccount: new Map([...accessByAccount].map(([k, v]) => [k, { rows: v.rows, users: v.users }])),
    adminRows,
    disabledUserRows,
    activity,
  };
}
