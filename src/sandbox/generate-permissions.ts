// Generated permission sets, their provisioning to accounts and the account assignments.
// Assignments exist only on provisioned pairs; at least one provisioned pair has none; orphaned
// assignments name principals that no longer exist (AWS keeps them when a principal is deleted).
import type { SbAccount, SbAssignment, SbGroup, SbPermissionSet, SbTag, SbUser } from "./model.js";
import type { ResolvedGenerateOptions } from "./generate-options.js";
import type { Rng } from "./rng.js";
import { identityId, isoAfterBase, managedPolicyArn, permissionSetArn, uniqueId } from "./generate-ids.js";
import { CUSTOMER_MANAGED_POLICIES, PERMISSION_SET_TEMPLATES, RELAY_STATES } from "./names.js";

/** AWS allows at most 100 groups per permission set per account. */
export const MAX_GROUPS_PER_PAIR = 100;

function inlinePolicy(rng: Rng): string {
  const bucket = `example-${rng.hex(6)}`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ReadTeamBucket",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
      },
    ],
  });
}

function permissionSetTags(rng: Rng): SbTag[] {
  const tags: SbTag[] = [];
  if (rng.chance(0.4)) tags.push({ Key: "owner", Value: rng.pick(["platform", "security", "finance"]) });
  if (rng.chance(0.3)) tags.push({ Key: "managed-by", Value: "terraform" });
  return tags;
}

export function generatePermissionSets(
  o: ResolvedGenerateOptions,
  rng: Rng,
  instanceArn: string,
): SbPermissionSet[] {
  if (o.instanceType === "ACCOUNT") return [];
  const taken = new Set<string>();
  const sets: SbPermissionSet[] = [];
  for (let i = 0; i < o.permissionSets; i++) {
    const t = PERMISSION_SET_TEMPLATES[i % PERMISSION_SET_TEMPLATES.length] ?? PERMISSION_SET_TEMPLATES[0];
    if (t === undefined) throw new Error("no permission set templates");
    const round = Math.floor(i / PERMISSION_SET_TEMPLATES.length);
    const ps: SbPermissionSet = {
      PermissionSetArn: uniqueId(taken, () => permissionSetArn(rng, instanceArn)),
      Name: round === 0 ? t.name : `${t.name}-${round + 1}`,
      CreatedDate: isoAfterBase(rng.next() * 365),
      ManagedPolicies: t.managed.map((path) => ({
        Name: path.slice(path.lastIndexOf("/") + 1),
        Arn: managedPolicyArn(o.partition, path),
      })),
      CustomerManagedPolicyReferences: [],
      InlinePolicy: "",
      Tags: permissionSetTags(rng),
    };
    if (t.description !== undefined && rng.chance(0.85)) ps.Description = t.description;
    ps.SessionDuration = t.sessionDuration;
    if (rng.chance(0.2)) ps.RelayState = rng.pick(RELAY_STATES);
    if (rng.chance(0.3)) {
      ps.CustomerManagedPolicyReferences = rng
        .sample(CUSTOMER_MANAGED_POLICIES.length, rng.range(1, 2))
        .map((k) => ({ ...(CUSTOMER_MANAGED_POLICIES[k] ?? { Name: "Policy", Path: "/" }) }));
    }
    if (rng.chance(0.3)) ps.InlinePolicy = inlinePolicy(rng);
    if (rng.chance(0.15)) {
      ps.PermissionsBoundary = rng.chance(0.5)
        ? { ManagedPolicyArn: managedPolicyArn(o.partition, "PowerUserAccess") }
        : { CustomerManagedPolicyReference: { Name: "DeveloperBoundary", Path: "/boundaries/" } };
    }
    sets.push(ps);
  }
  // Small worlds still get one of each optional part, so every test org exercises them.
  const last = sets[sets.length - 1];
  if (sets.length >= 2 && last !== undefined) {
    if (!sets.some((s) => s.InlinePolicy !== "")) last.InlinePolicy = inlinePolicy(rng);
    if (!sets.some((s) => s.CustomerManagedPolicyReferences.length > 0)) {
      last.CustomerManagedPolicyReferences = [{ Name: "TeamS3Access", Path: "/team/" }];
    }
    if (!sets.some((s) => s.PermissionsBoundary !== undefined)) {
      last.PermissionsBoundary = {
        CustomerManagedPolicyReference: { Name: "DeveloperBoundary", Path: "/boundaries/" },
      };
    }
  }
  return sets;
}

export function generateProvisioned(
  o: ResolvedGenerateOptions,
  rng: Rng,
  accounts: readonly SbAccount[],
  sets: readonly SbPermissionSet[],
): Record<string, string[]> {
  const provisioned: Record<string, string[]> = {};
  if (sets.length === 0) return provisioned;
  for (const account of accounts) {
    const picked = rng.sample(sets.length, rng.around(o.provisionedPerAccount));
    if (picked.length > 0) provisioned[account.Id] = picked.map((k) => sets[k]?.PermissionSetArn ?? "");
  }
  return provisioned;
}

interface Principals {
  users: readonly SbUser[];
  groups: readonly SbGroup[];
}

function pairAssignments(
  o: ResolvedGenerateOptions,
  rng: Rng,
  accountId: string,
  permissionSetArn: string,
  p: Principals,
): SbAssignment[] {
  const out: SbAssignment[] = [];
  const chosen = new Set<string>();
  let groupCount = 0;
  const want = rng.around(o.assignmentsPerPair);
  for (let attempts = 0; out.length < want && attempts < want * 4; attempts++) {
    const toGroup = p.groups.length > 0 && (p.users.length === 0 || rng.chance(o.groupAssignmentShare));
    if (toGroup && groupCount >= MAX_GROUPS_PER_PAIR) continue;
    const principal = toGroup
      ? rng.pick(p.groups).GroupId
      : p.users.length > 0
        ? rng.pick(p.users).UserId
        : "";
    if (principal === "" || chosen.has(principal)) continue;
    chosen.add(principal);
    if (toGroup) groupCount++;
    out.push({
      AccountId: accountId,
      PermissionSetArn: permissionSetArn,
      PrincipalType: toGroup ? "GROUP" : "USER",
      PrincipalId: principal,
    });
  }
  return out;
}

/** Assignments, account by account in `accounts` order, pair by pair in provisioning order. */
export function generateAssignments(
  o: ResolvedGenerateOptions,
  rng: Rng,
  accounts: readonly SbAccount[],
  provisioned: Readonly<Record<string, string[]>>,
  principals: Principals,
  prefix: string,
): SbAssignment[] {
  const pairs: [string, string][] = [];
  for (const a of accounts) for (const arn of provisioned[a.Id] ?? []) pairs.push([a.Id, arn]);
  const perPair: SbAssignment[][] = pairs.map(([accountId, arn]) =>
    pairAssignments(o, rng, accountId, arn, principals),
  );
  // One provisioned pair is kept without assignments whenever there are two pairs or more.
  const emptyPair = pairs.length >= 2 ? rng.int(pairs.length) : -1;
  if (emptyPair >= 0) perPair[emptyPair] = [];
  const orphans = o.orphanedAssignments ?? (pairs.length >= 2 ? Math.min(3, pairs.length - 1) : 0);
  const candidates = pairs.map((_, i) => i).filter((i) => i !== emptyPair);
  for (let k = 0; k < orphans && candidates.length > 0; k++) {
    const i = rng.pick(candidates);
    const pair = pairs[i];
    if (pair === undefined) continue;
    const PrincipalType = k % 2 === 0 ? "USER" : "GROUP";
    perPair[i]?.push({
      AccountId: pair[0],
      PermissionSetArn: pair[1],
      PrincipalType,
      PrincipalId: identityId(rng, prefix),
    });
  }
  return perPair.flat();
}
