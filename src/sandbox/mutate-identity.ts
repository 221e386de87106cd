// Identity Store changes between syncs: users, groups and memberships. Deleting a user or group
// removes its memberships but leaves its account assignments in place (orphaned), as AWS does.
import type { SbGroup, SbMembership, SbUser, SbWorld } from "./model.js";
import { identityId, storePrefix } from "./generate-ids.js";
import { sbGroupSchema, sbUserSchema } from "./world-schema.js";
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

function freshIdentityId(world: SbWorld, op: string): string {
  const rng = mutationRng(world, op);
  const prefix = storePrefix(world.instance.IdentityStoreId);
  for (;;) {
    const id = identityId(rng, prefix);
    if (!world.users.some((u) => u.UserId === id) && !world.groups.some((g) => g.GroupId === id)) return id;
  }
}

function userIndex(world: SbWorld, userId: string): number {
  return indexOrThrow(world.users, (u) => u.UserId === userId, "user", userId);
}

function groupIndex(world: SbWorld, groupId: string): number {
  return indexOrThrow(world.groups, (g) => g.GroupId === groupId, "group", groupId);
}

function assertUserNameFree(world: SbWorld, userName: string, exceptUserId?: string): void {
  const lower = userName.toLowerCase();
  if (world.users.some((u) => u.UserId !== exceptUserId && u.UserName.toLowerCase() === lower)) {
    throw new SandboxMutationError("CONFLICT", `a user named ${userName} already exists`);
  }
}

/** Adds a user (ENABLED, with a work email) at the end of the list; `partial` overrides any field. */
export function addUser(world: SbWorld, partial: Loose<SbUser> = {}): SbUser {
  const given = partial.UserId ?? freshIdentityId(world, "addUser");
  if (world.users.some((u) => u.UserId === given))
    throw new SandboxMutationError("CONFLICT", `user ${given} exists`);
  const now = nextMutationTime(world);
  const n = world.revision + 1;
  const userName = partial.UserName ?? `new.user.${n}@example.com`;
  const user: SbUser = check(
    sbUserSchema,
    {
      UserId: given,
      UserName: userName,
      DisplayName: `New User ${n}`,
      Name: { GivenName: "New", FamilyName: `User ${n}` },
      Emails: [{ Value: `new.user.${n}@example.com`, Type: "work", Primary: true }],
      UserStatus: "ENABLED",
      CreatedAt: now,
      UpdatedAt: now,
      ...defined(partial),
    },
    "user",
  );
  assertUserNameFree(world, user.UserName);
  bump(world);
  world.users.push(user);
  return user;
}

export function deleteUser(world: SbWorld, userId: string): void {
  const i = userIndex(world, userId);
  bump(world);
  world.users.splice(i, 1);
  world.memberships = world.memberships.filter((m) => m.UserId !== userId);
}

export function setUserStatus(world: SbWorld, userId: string, status: "ENABLED" | "DISABLED"): SbUser {
  const user = world.users[userIndex(world, userId)];
  if (user === undefined) throw notFound("user", userId);
  user.UserStatus = status;
  user.UpdatedAt = bump(world);
  return user;
}

export interface UserRename {
  userName?: string | undefined;
  displayName?: string | undefined;
  givenName?: string | undefined;
  familyName?: string | undefined;
  /** Replaces the primary email (adds one when the user has none). */
  email?: string | undefined;
}

export function renameUser(world: SbWorld, userId: string, changes: UserRename): SbUser {
  const user = world.users[userIndex(world, userId)];
  if (user === undefined) throw notFound("user", userId);
  const next: SbUser = structuredClone(user);
  if (changes.userName !== undefined) next.UserName = changes.userName;
  if (changes.displayName !== undefined) next.DisplayName = changes.displayName;
  if (changes.givenName !== undefined || changes.familyName !== undefined) {
    next.Name = { ...next.Name };
    if (changes.givenName !== undefined) next.Name.GivenName = changes.givenName;
    if (changes.familyName !== undefined) next.Name.FamilyName = changes.familyName;
    delete next.Name.Formatted;
  }
  if (changes.email !== undefined) {
    const emails = next.Emails ?? [];
    const primary = emails.findIndex((e) => e.Primary === true);
    if (primary >= 0) emails[primary] = { ...emails[primary], Value: changes.email };
    else emails.unshift({ Value: changes.email, Primary: true });
    next.Emails = emails;
  }
  check(sbUserSchema, next, "user");
  if (changes.userName !== undefined) assertUserNameFree(world, changes.userName, userId);
  next.UpdatedAt = bump(world);
  Object.assign(user, next);
  return user;
}

export function addGroup(world: SbWorld, partial: Loose<SbGroup> = {}): SbGroup {
  const given = partial.GroupId ?? freshIdentityId(world, "addGroup");
  if (world.groups.some((g) => g.GroupId === given))
    throw new SandboxMutationError("CONFLICT", `group ${given} exists`);
  const now = nextMutationTime(world);
  const group: SbGroup = check(
    sbGroupSchema,
    {
      GroupId: given,
      DisplayName: `New Group ${world.revision + 1}`,
      CreatedAt: now,
      UpdatedAt: now,
      ...defined(partial),
    },
    "group",
  );
  bump(world);
  world.groups.push(group);
  return group;
}

export function deleteGroup(world: SbWorld, groupId: string): void {
  const i = groupIndex(world, groupId);
  bump(world);
  world.groups.splice(i, 1);
  world.memberships = world.memberships.filter((m) => m.GroupId !== groupId);
}

export function addMembership(world: SbWorld, groupId: string, userId: string): SbMembership {
  groupIndex(world, groupId);
  userIndex(world, userId);
  if (world.memberships.some((m) => m.GroupId === groupId && m.UserId === userId)) {
    throw new SandboxMutationError("CONFLICT", `user ${userId} is already a member of group ${groupId}`);
  }
  const rng = mutationRng(world, "addMembership");
  const prefix = storePrefix(world.instance.IdentityStoreId);
  let membershipId = identityId(rng, prefix);
  while (world.memberships.some((m) => m.MembershipId === membershipId))
    membershipId = identityId(rng, prefix);
  bump(world);
  const membership: SbMembership = { MembershipId: membershipId, GroupId: groupId, UserId: userId };
  // Kept next to the group's other memberships, so the list stays grouped as generated.
  let at = world.memberships.length;
  for (let i = world.memberships.length - 1; i >= 0; i--) {
    if (world.memberships[i]?.GroupId === groupId) {
      at = i + 1;
      break;
    }
  }
  world.memberships.splice(at, 0, membership);
  return membership;
}

export function removeMembership(world: SbWorld, groupId: string, userId: string): void {
  const i = world.memberships.findIndex((m) => m.GroupId === groupId && m.UserId === userId);
  if (i < 0)
    throw new SandboxMutationError("NOT_FOUND", `user ${userId} is not a member of group ${groupId}`);
  bump(world);
  world.memberships.splice(i, 1);
}
