// Hand-built snapshots for store and runner tests (no AWS, no sandbox).
import { resolveEffectiveAccess } from "../../src/domain/effective-access.js";
import type {
  Account,
  Assignment,
  Group,
  Membership,
  PermissionSet,
  ReadResult,
  Snapshot,
  User,
} from "../../src/domain/model.js";
import { sortSnapshot } from "../../src/domain/canonical.js";

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export const userId = (n: number) => `9067000000-0000-4000-8000-${pad(n, 12)}`;
export const groupId = (n: number) => `9067000000-1111-4000-8000-${pad(n, 12)}`;
export const accountId = (n: number) => `1${pad(n, 11)}`;
export const psArn = (n: number) => `arn:aws:sso:::permissionSet/ssoins-7223a2b4c5d6e7f8/ps-${pad(n, 16)}`;
export const INSTANCE_ARN = "arn:aws:sso:::instance/ssoins-7223a2b4c5d6e7f8";

export function user(n: number, over: Partial<User> = {}): User {
  return {
    userId: userId(n),
    userName: `user${pad(n, 4)}@example.com`,
    displayName: `User ${n}`,
    givenName: "User",
    familyName: `Number ${n}`,
    emails: [`user${pad(n, 4)}@example.com`],
    primaryEmail: `user${pad(n, 4)}@example.com`,
    externalIds: [],
    status: "ENABLED",
    ...over,
  };
}

export function group(n: number, over: Partial<Group> = {}): Group {
  return { groupId: groupId(n), displayName: `Group ${n}`, description: null, ...over };
}

export function account(n: number, over: Partial<Account> = {}): Account {
  return {
    accountId: accountId(n),
    name: `Account ${n}`,
    email: `aws${n}@example.com`,
    status: "ACTIVE",
    tags: {},
    ...over,
  };
}

export function permissionSet(n: number, over: Partial<PermissionSet> = {}): PermissionSet {
  return {
    arn: psArn(n),
    name: `PermissionSet${n}`,
    description: null,
    sessionDuration: "PT1H",
    relayState: null,
    managedPolicies: [],
    customerManagedPolicies: [],
    inlinePolicy: null,
    permissionsBoundary: null,
    tags: {},
    createdDate: "2026-01-01T00:00:00.000Z",
    ...over,
  };
}

export const member = (g: number, u: number): Membership => ({ groupId: groupId(g), userId: userId(u) });

export function assign(a: number, p: number, principal: { user: number } | { group: number }): Assignment {
  return "user" in principal
    ? {
        accountId: accountId(a),
        permissionSetArn: psArn(p),
        principalType: "USER",
        principalId: userId(principal.user),
      }
    : {
        accountId: accountId(a),
        permissionSetArn: psArn(p),
        principalType: "GROUP",
        principalId: groupId(principal.group),
      };
}

export interface World {
  users: User[];
  groups?: Group[];
  memberships?: Membership[];
  accounts?: Account[];
  permissionSets?: PermissionSet[];
  assignments?: Assignment[];
}

/** A snapshot with access resolved the way the connector does it. */
export function snapshot(world: World): Snapshot {
  const groups = world.groups ?? [];
  const memberships = world.memberships ?? [];
  const assignments = world.assignments ?? [];
  const { access, orphanedAssignments } = resolveEffectiveAccess({
    users: world.users,
    groups,
    memberships,
    assignments,
  });
  return sortSnapshot({
    instance: {
      instanceArn: INSTANCE_ARN,
      identityStoreId: "d-9067000000",
      ownerAccountId: accountId(1),
      name: null,
      status: "ACTIVE",
      type: "ORGANIZATION",
    },
    users: world.users,
    groups,
    memberships,
    accounts: world.accounts ?? [],
    permissionSets: world.permissionSets ?? [],
    assignments,
    access,
    orphanedAssignments,
  });
}

export function readResult(world: World): ReadResult {
  return {
    snapshot: snapshot(world),
    stats: { callsByAction: { "identitystore:ListUsers": 1 }, retries: 0, throttles: 0, durationMs: 5 },
    warnings: [],
  };
}

export const connectionValues = (n = 1) => ({
  roleArn: "arn:aws:iam::100000000001:role/idc-sync-read",
  region: "us-east-1",
  identityStoreId: `d-906700000${n}`,
  instanceArn: `arn:aws:sso:::instance/ssoins-7223a2b4c5d6e7f${n}`,
});

export const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
