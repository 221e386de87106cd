// The generated organization: its accounts (the management account among them, a few
// suspended or closing), the Identity Center instance and any other instances the role can see.
import type { SbAccount, SbInstance, SbOrganization, SbTag } from "./model.js";
import type { ResolvedGenerateOptions } from "./generate-options.js";
import type { Rng } from "./rng.js";
import {
  isoAfterBase,
  newAccountId,
  newIdentityStoreId,
  newInstanceArn,
  newOrganizationId,
  uniqueId,
} from "./generate-ids.js";
import { ACCOUNT_NAMES, ACCOUNT_TAG_VALUES, asciiSlug } from "./names.js";

export interface GeneratedOrg {
  organization: SbOrganization;
  accounts: SbAccount[];
  managementAccountId: string;
}

function accountTags(rng: Rng): SbTag[] {
  const keys = Object.keys(ACCOUNT_TAG_VALUES);
  return rng
    .sample(keys.length, rng.int(4))
    .map((k) => keys[k] ?? "env")
    .map((Key) => ({ Key, Value: rng.pick(ACCOUNT_TAG_VALUES[Key] ?? ["x"]) }));
}

type AccountState = Pick<SbAccount, "Status" | "State">;

/** State and Status kept consistent: a CLOSED account still reports Status SUSPENDED. */
function accountStates(rng: Rng, count: number, managementIndex: number): AccountState[] {
  const states: AccountState[] = [];
  for (let i = 0; i < count; i++) {
    const suspended = i !== managementIndex && rng.chance(0.05);
    states.push(
      suspended ? { Status: "SUSPENDED", State: "SUSPENDED" } : { Status: "ACTIVE", State: "ACTIVE" },
    );
  }
  const members = Array.from({ length: count }, (_, i) => i).filter((i) => i !== managementIndex);
  const force = (minAccounts: number, state: AccountState): void => {
    if (count < minAccounts || states.some((s) => s.State === state.State)) return;
    const candidates = members.filter((i) => states[i]?.State === "ACTIVE");
    if (candidates.length > 0) states[rng.pick(candidates)] = state;
  };
  force(4, { Status: "SUSPENDED", State: "SUSPENDED" });
  force(6, { Status: "PENDING_CLOSURE", State: "PENDING_CLOSURE" });
  force(10, { Status: "SUSPENDED", State: "CLOSED" });
  return states;
}

export function generateOrg(o: ResolvedGenerateOptions, rng: Rng): GeneratedOrg {
  const orgId = newOrganizationId(rng);
  const taken = new Set<string>();
  const managementIndex = rng.int(o.accounts);
  const managementAccountId = o.managementAccountId ?? uniqueId(taken, () => newAccountId(rng));
  taken.add(managementAccountId);
  const states = accountStates(rng, o.accounts, managementIndex);
  const accounts: SbAccount[] = [];
  for (let i = 0; i < o.accounts; i++) {
    const isManagement = i === managementIndex;
    const id = isManagement ? managementAccountId : uniqueId(taken, () => newAccountId(rng));
    const base = ACCOUNT_NAMES[i % ACCOUNT_NAMES.length] ?? "Account";
    const round = Math.floor(i / ACCOUNT_NAMES.length);
    const name = isManagement ? "Management" : round === 0 ? base : `${base} ${round + 1}`;
    const state = states[i] ?? { Status: "ACTIVE", State: "ACTIVE" };
    accounts.push({
      Id: id,
      Name: name,
      Email: `aws+${asciiSlug(name).replace(/'/g, "").slice(0, 30)}-${i}@example.com`,
      Status: state.Status,
      State: state.State,
      JoinedMethod: isManagement || rng.chance(0.2) ? "INVITED" : "CREATED",
      JoinedTimestamp: isoAfterBase(rng.next() * 365),
      Tags: accountTags(rng),
    });
  }
  const partition = o.partition;
  const management = accounts[managementIndex];
  const organization: SbOrganization = {
    Id: orgId,
    Arn: `arn:${partition}:organizations::${managementAccountId}:organization/${orgId}`,
    FeatureSet: "ALL",
    MasterAccountArn: `arn:${partition}:organizations::${managementAccountId}:account/${orgId}/${managementAccountId}`,
    MasterAccountId: managementAccountId,
    MasterAccountEmail: management?.Email ?? "",
  };
  return { organization, accounts, managementAccountId };
}

export interface GeneratedInstances {
  instance: SbInstance;
  otherInstances: SbInstance[];
}

/** Account instances live in a member account (the management account only when it is alone). */
function memberAccountId(rng: Rng, org: GeneratedOrg): string {
  const members = org.accounts.filter((a) => a.Id !== org.managementAccountId);
  return members.length > 0 ? rng.pick(members).Id : org.managementAccountId;
}

export function generateInstances(
  o: ResolvedGenerateOptions,
  rng: Rng,
  org: GeneratedOrg,
): GeneratedInstances {
  const instance: SbInstance = {
    InstanceArn: o.instanceArn ?? newInstanceArn(rng, o.partition),
    IdentityStoreId: o.identityStoreId ?? newIdentityStoreId(rng),
    OwnerAccountId: o.instanceType === "ORGANIZATION" ? org.managementAccountId : memberAccountId(rng, org),
    Name: o.instanceType === "ORGANIZATION" ? "Organization instance" : "Account instance",
    Status: "ACTIVE",
    CreatedDate: isoAfterBase(rng.next() * 10),
    Type: o.instanceType,
  };
  const otherInstances: SbInstance[] = [];
  for (let i = 0; i < o.otherInstances; i++) {
    otherInstances.push({
      InstanceArn: newInstanceArn(rng, o.partition),
      IdentityStoreId: newIdentityStoreId(rng),
      OwnerAccountId: memberAccountId(rng, org),
      Name: `Team instance ${i + 1}`,
      Status: "ACTIVE",
      CreatedDate: isoAfterBase(30 + rng.next() * 300),
      Type: "ACCOUNT",
    });
  }
  return { instance, otherInstances };
}
