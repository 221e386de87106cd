// A snapshot in canonical form: every array sorted by its ids (sort.ts) and every entity's
// fields in their canonical form (its field list), so equal states serialise byte-identically.
import { canonicalEntity } from "./fields.js";
import { ACCOUNT_FIELDS, PERMISSION_SET_FIELDS, type PermissionSet, type Snapshot } from "./model.js";
import {
  compareAccounts,
  compareAssignments,
  compareGroups,
  compareMemberships,
  comparePermissionSets,
  compareUsers,
} from "./sort.js";

/** A permission set with its policy lists and tags in canonical order. */
export function canonicalPermissionSet(ps: PermissionSet): PermissionSet {
  return canonicalEntity(PERMISSION_SET_FIELDS, ps);
}

/** The snapshot with every array in canonical order (`access` is sorted by its contract). */
export function sortSnapshot(snapshot: Snapshot): Snapshot {
  return {
    instance: snapshot.instance,
    users: [...snapshot.users].sort(compareUsers),
    groups: [...snapshot.groups].sort(compareGroups),
    memberships: [...snapshot.memberships].sort(compareMemberships),
    accounts: snapshot.accounts.map((a) => canonicalEntity(ACCOUNT_FIELDS, a)).sort(compareAccounts),
    permissionSets: snapshot.permissionSets.map(canonicalPermissionSet).sort(comparePermissionSets),
    assignments: [...snapshot.assignments].sort(compareAssignments),
    // Sorted by contract (AccessRows): the compact table is built in order, accessRowsOf sorts.
    access: snapshot.access,
    orphanedAssignments: [...snapshot.orphanedAssignments].sort(compareAssignments),
  };
}
