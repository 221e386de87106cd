// The killed-delivery test's world (shared by the test and its child).
import { account, assign, group, member, permissionSet, range, user, type World } from "../store/fixtures.js";

export function baseWorld(): World {
  return {
    users: range(1, 4).map((n) => user(n)),
    groups: [group(1)],
    memberships: [member(1, 1)],
    accounts: [account(1)],
    permissionSets: [permissionSet(1)],
    assignments: [assign(1, 1, { group: 1 })],
  };
}
