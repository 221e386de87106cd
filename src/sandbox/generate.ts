// Generates a whole sandbox organization, deterministically: the same options and seed give a
// byte-identical JSON.stringify of the world. Each part draws from its own PRNG stream, so
// changing the size of one part does not reshuffle the others.
import type { SbWorld } from "./model.js";
import { resolveGenerateOptions } from "./generate-options.js";
import type { GenerateOptions } from "./generate-options.js";
import { Rng } from "./rng.js";
import { storePrefix } from "./generate-ids.js";
import { generateInstances, generateOrg } from "./generate-org.js";
import { generateUsers } from "./generate-users.js";
import { generateGroups, generateMemberships } from "./generate-groups.js";
import { generateAssignments, generatePermissionSets, generateProvisioned } from "./generate-permissions.js";

export { generateOptionsSchema, resolveGenerateOptions } from "./generate-options.js";
export type { GenerateOptions, ResolvedGenerateOptions } from "./generate-options.js";

export function generateWorld(options: GenerateOptions = {}): SbWorld {
  const o = resolveGenerateOptions(options);
  const stream = (label: string) => new Rng(o.seed, label);
  const org = generateOrg(o, stream("org"));
  const { instance, otherInstances } = generateInstances(o, stream("instances"), org);
  const prefix = storePrefix(instance.IdentityStoreId);
  const users = generateUsers(o, stream("users"), prefix);
  const groups = generateGroups(o, stream("groups"), prefix);
  const memberships = generateMemberships(o, stream("memberships"), users, groups, prefix);
  const permissionSets = generatePermissionSets(o, stream("permission-sets"), instance.InstanceArn);
  const provisioned = generateProvisioned(o, stream("provisioned"), org.accounts, permissionSets);
  const assignments = generateAssignments(
    o,
    stream("assignments"),
    org.accounts,
    provisioned,
    { users, groups },
    prefix,
  );
  return {
    revision: 0,
    region: o.region,
    organization: org.organization,
    instance,
    otherInstances,
    users,
    groups,
    memberships,
    accounts: org.accounts,
    permissionSets,
    provisioned,
    assignments,
  };
}
