// Organization and Identity Center changes between syncs: accounts, permission sets, assignments.
import type { SbAccount, SbAssignment, SbPermissionSet, SbTag, SbWorld } from "./model.js";
import { managedPolicyArn, newAccountId, partitionOf, permissionSetArn } from "./generate-ids.js";
import { sbAccountSchema, sbAssignmentSchema, sbPermissionSetSchema } from "./world-schema.js";
import type { Loose } from "./mutate-core.js";
import {
  SandboxMutationError,
  bump,
  check,
  defined,
  indexOrThrow,
  mutationRng,
  nextMutationTime,
  notFound,
} from "./mutate-core.js";

function sameAssignment(a: SbAssignment, b: SbAssignment): boolean {
  return (
    a.AccountId === b.AccountId &&
    a.PermissionSetArn === b.PermissionSetArn &&
    a.PrincipalType === b.PrincipalType &&
    a.PrincipalId === b.PrincipalId
  );
}

function permissionSet(world: SbWorld, arn: string): SbPermissionSet {
  const ps = world.permissionSets.find((p) => p.PermissionSetArn === arn);
  if (ps === undefined) throw notFound("permission set", arn);
  return ps;
}

function assertOrganizationInstance(world: SbWorld): void {
  if (world.instance.Type !== "ORGANIZATION") {
    throw new SandboxMutationError(
      "INVALID",
      "an ACCOUNT instance has no permission sets or account assignments",
    );
  }
}

/** Adds the assignment, provisioning its permission set to the account first if needed. */
export function addAssignment(world: SbWorld, assignment: SbAssignment): SbAssignment {
  assertOrganizationInstance(world);
  const a = check(sbAssignmentSchema, { ...assignment }, "assignment");
  indexOrThrow(world.accounts, (x) => x.Id === a.AccountId, "account", a.AccountId);
  permissionSet(world, a.PermissionSetArn);
  const exists =
    a.PrincipalType === "USER"
      ? world.users.some((u) => u.UserId === a.PrincipalId)
      : world.groups.some((g) => g.GroupId === a.PrincipalId);
  if (!exists) throw notFound(a.PrincipalType === "USER" ? "user" : "group", a.PrincipalId);
  if (world.assignments.some((x) => sameAssignment(x, a))) {
    throw new SandboxMutationError("CONFLICT", "this assignment already exists");
  }
  bump(world);
  const provisioned = (world.provisioned[a.AccountId] ??= []);
  if (!provisioned.includes(a.PermissionSetArn)) provisioned.push(a.PermissionSetArn);
  world.assignments.push(a);
  return a;
}

/** Removes the assignment; the permission set stays provisioned to the account, as in AWS. */
export function removeAssignment(world: SbWorld, assignment: SbAssignment): void {
  const i = world.assignments.findIndex((x) => sameAssignment(x, assignment));
  if (i < 0) throw new SandboxMutationError("NOT_FOUND", "no such assignment");
  bump(world);
  world.assignments.splice(i, 1);
}

export function addAccount(world: SbWorld, partial: Loose<SbAccount> = {}): SbAccount {
  const rng = mutationRng(world, "addAccount");
  let id = partial.Id ?? newAccountId(rng);
  if (partial.Id !== undefined && world.accounts.some((a) => a.Id === id)) {
    throw new SandboxMutationError("CONFLICT", `account ${id} exists`);
  }
  while (world.accounts.some((a) => a.Id === id)) id = newAccountId(rng);
  const now = nextMutationTime(world);
  const n = world.revision + 1;
  const account: SbAccount = check(
    sbAccountSchema,
    {
      Id: id,
      Name: `New Account ${n}`,
      Email: `aws+new-${n}@example.com`,
      Status: "ACTIVE",
      State: "ACTIVE",
      JoinedMethod: "CREATED",
      JoinedTimestamp: now,
      Tags: [],
      ...defined(partial),
    },
    "account",
  );
  bump(world);
  world.accounts.push(account);
  return account;
}

/** Removes the account with its provisioning and assignments (it left the organization). */
export function removeAccount(world: SbWorld, accountId: string): void {
  const i = indexOrThrow(world.accounts, (a) => a.Id === accountId, "account", accountId);
  if (accountId === world.organization.MasterAccountId) {
    throw new SandboxMutationError("INVALID", "the management account cannot leave its organization");
  }
  bump(world);
  world.accounts.splice(i, 1);
  delete world.provisioned[accountId];
  world.assignments = world.assignments.filter((a) => a.AccountId !== accountId);
}

export function addPermissionSet(world: SbWorld, partial: Loose<SbPermissionSet> = {}): SbPermissionSet {
  assertOrganizationInstance(world);
  const rng = mutationRng(world, "addPermissionSet");
  let arn = partial.PermissionSetArn ?? permissionSetArn(rng, world.instance.InstanceArn);
  if (world.permissionSets.some((p) => p.PermissionSetArn === arn)) {
    if (partial.PermissionSetArn !== undefined) throw new SandboxMutationError("CONFLICT", `${arn} exists`);
    arn = permissionSetArn(rng, world.instance.InstanceArn);
  }
  const now = nextMutationTime(world);
  const n = world.revision + 1;
  const ps: SbPermissionSet = check(
    sbPermissionSetSchema,
    {
      PermissionSetArn: arn,
      Name: `NewSet-${n}`,
      SessionDuration: "PT1H",
      CreatedDate: now,
      ManagedPolicies: [],
      CustomerManagedPolicyReferences: [],
      InlinePolicy: "",
      Tags: [],
      ...defined(partial),
    },
    "permission set",
  );
  bump(world);
  world.permissionSets.push(ps);
  return ps;
}

export interface PermissionSetUpdate {
  /** null removes the field. */
  description?: string | null | undefined;
  sessionDuration?: string | undefined;
  relayState?: string | null | undefined;
  /** "" removes the inline policy. */
  inlinePolicy?: string | undefined;
  /** Full ARNs or paths under arn:<partition>:iam::aws:policy/ (e.g. "job-function/ViewOnlyAccess"). */
  managedPolicies?: string[] | undefined;
  customerManagedPolicyReferences?: { Name: string; Path: string }[] | undefined;
  tags?: SbTag[] | undefined;
}

export function updatePermissionSet(
  world: SbWorld,
  arn: string,
  changes: PermissionSetUpdate,
): SbPermissionSet {
  const ps = permissionSet(world, arn);
  const next: SbPermissionSet = structuredClone(ps);
  if (changes.description === null) delete next.Description;
  else if (changes.description !== undefined) next.Description = changes.description;
  if (changes.sessionDuration !== undefined) next.SessionDuration = changes.sessionDuration;
  if (changes.relayState === null) delete next.RelayState;
  else if (changes.relayState !== undefined) next.RelayState = changes.relayState;
  if (changes.inlinePolicy !== undefined) next.InlinePolicy = changes.inlinePolicy;
  if (changes.managedPolicies !== undefined) {
    const partition = partitionOf(arn);
    next.ManagedPolicies = changes.managedPolicies.map((p) => {
      const full = p.startsWith("arn:") ? p : managedPolicyArn(partition, p);
      return { Name: full.slice(full.lastIndexOf("/") + 1), Arn: full };
    });
  }
  if (changes.customerManagedPolicyReferences !== undefined) {
    next.CustomerManagedPolicyReferences = changes.customerManagedPolicyReferences.map((r) => ({ ...r }));
  }
  if (changes.tags !== undefined) next.Tags = changes.tags.map((t) => ({ ...t }));
  check(sbPermissionSetSchema, next, "permission set");
  bump(world);
  Object.assign(ps, next);
  if (next.Description === undefined) delete ps.Description;
  if (next.RelayState === undefined) delete ps.RelayState;
  return ps;
}
