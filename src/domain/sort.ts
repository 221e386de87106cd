// Canonical order of snapshot arrays: every array sorted by its ids with plain UTF-16 code-unit
// comparison (never localeCompare, whose order depends on the ICU data of the machine), so two
// snapshots of the same state serialise byte-identically wherever they are produced.
import type {
  AccessGrant,
  Account,
  Assignment,
  CustomerManagedPolicyRef,
  Group,
  Membership,
  PermissionSet,
  User,
} from "./model.js";

/** Code-unit order of two strings. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lexicographic order over several keys, compared in turn. */
function byKeys<T>(...keys: ((item: T) => string)[]): (a: T, b: T) => number {
  return (a, b) => {
    for (const key of keys) {
      const c = compareStrings(key(a), key(b));
      if (c !== 0) return c;
    }
    return 0;
  };
}

export const compareUsers = byKeys<User>((u) => u.userId);
export const compareGroups = byKeys<Group>((g) => g.groupId);
export const compareMemberships = byKeys<Membership>(
  (m) => m.groupId,
  (m) => m.userId,
);
export const compareAccounts = byKeys<Account>((a) => a.accountId);
export const comparePermissionSets = byKeys<PermissionSet>((p) => p.arn);
export const compareAssignments = byKeys<Assignment>(
  (a) => a.accountId,
  (a) => a.permissionSetArn,
  (a) => a.principalType,
  (a) => a.principalId,
);
export const compareAccessGrants = byKeys<AccessGrant>(
  (g) => g.userId,
  (g) => g.accountId,
  (g) => g.permissionSetArn,
);
export function compareCustomerManagedPolicies(
  a: CustomerManagedPolicyRef,
  b: CustomerManagedPolicyRef,
): number {
  return compareStrings(a.path, b.path) || compareStrings(a.name, b.name);
}

/** A copy of a string-keyed record with its keys in code-unit order (JSON keeps insertion order). */
export function sortRecord(record: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(record).sort(compareStrings)) sorted[key] = record[key] ?? "";
  return sorted;
}

export function isSorted<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return false;
  }
  return true;
}
