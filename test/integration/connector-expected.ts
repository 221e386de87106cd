// Ground truth for the reader's integration tests: the snapshot the reader must produce, derived
// from the sandbox's world in the test's own code (not through the connector's mappers), and a
// set comparison that names what is missing and what is extra.
import { accessRowsOf } from "../../src/domain/access-rows.js";
import { expect } from "vitest";
import { expectedAccess, orphanedAssignments } from "../../src/sandbox/truth.js";
import type { SbWorld } from "../../src/sandbox/index.js";
import type { Snapshot } from "../../src/domain/model.js";

export const PLATFORM_CREDENTIALS = {
  accessKeyId: "AKIAREADERPLATFORM01",
  secretAccessKey: "platform-secret",
};

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tags(list: readonly { Key: string; Value: string }[]): Record<string, string> {
  return Object.fromEntries(list.map((t) => [t.Key, t.Value]));
}

/** Assignments the per-account plan can reach: on a provisioned pair of a listed account and set. */
function reachableAssignments(world: SbWorld): SbWorld["assignments"] {
  const sets = new Set(world.permissionSets.map((p) => p.PermissionSetArn));
  const accounts = new Set(world.accounts.map((a) => a.Id));
  return world.assignments.filter(
    (a) =>
      accounts.has(a.AccountId) &&
      sets.has(a.PermissionSetArn) &&
      (world.provisioned[a.AccountId] ?? []).includes(a.PermissionSetArn),
  );
}

function assignment(a: SbWorld["assignments"][number]) {
  return {
    accountId: a.AccountId,
    permissionSetArn: a.PermissionSetArn,
    principalType: a.PrincipalType,
    principalId: a.PrincipalId,
  };
}

/** The complete snapshot of the world's instance, as the per-account plan reads it. */
export function expectedSnapshot(world: SbWorld): Snapshot {
  const userIds = new Set(world.users.map((u) => u.UserId));
  const groupIds = new Set(world.groups.map((g) => g.GroupId));
  const orphaned = new Set(orphanedAssignments(world));
  const reachable = reachableAssignments(world);
  return {
    instance: {
      instanceArn: world.instance.InstanceArn,
      identityStoreId: world.instance.IdentityStoreId,
      ownerAccountId: world.instance.OwnerAccountId,
      name: world.instance.Name ?? null,
      status: world.instance.Status,
      type: world.instance.Type,
    },
    users: world.users.map((u) => {
      const emails = u.Emails ?? [];
      const primary = emails.find((e) => e.Primary === true) ?? emails[0];
      return {
        userId: u.UserId,
        userName: u.UserName,
        displayName: u.DisplayName ?? null,
        givenName: u.Name?.GivenName ?? null,
        familyName: u.Name?.FamilyName ?? null,
        emails: [...(primary ? [primary] : []), ...emails.filter((e) => e !== primary)].map((e) => e.Value),
        primaryEmail: primary?.Value ?? null,
        externalIds: (u.ExternalIds ?? []).map((x) => ({ issuer: x.Issuer, id: x.Id })),
        status: u.UserStatus ?? "ENABLED",
      };
    }),
    groups: world.groups.map((g) => ({
      groupId: g.GroupId,
      displayName: g.DisplayName,
      description: g.Description ?? null,
    })),
    memberships: world.memberships
      .filter((m) => userIds.has(m.UserId) && groupIds.has(m.GroupId))
      .map((m) => ({ groupId: m.GroupId, userId: m.UserId })),
    accounts: world.accounts.map((a) => ({
      accountId: a.Id,
      name: a.Name,
      email: a.Email,
      status: a.State,
      tags: tags(a.Tags),
    })),
    permissionSets: world.permissionSets.map((p) => {
      const b = p.PermissionsBoundary;
      return {
        arn: p.PermissionSetArn,
        name: p.Name,
        description: p.Description ?? null,
        sessionDuration: p.SessionDuration ?? null,
        relayState: p.RelayState ?? null,
        // The export sorts every array by its ids, policy lists included.
        managedPolicies: p.ManagedPolicies.map((m) => m.Arn).sort(byCodeUnits),
        customerManagedPolicies: [...p.CustomerManagedPolicyReferences]
          .sort((x, y) => byCodeUnits(x.Path, y.Path) || byCodeUnits(x.Name, y.Name))
          .map((r) => ({ name: r.Name, path: r.Path })),
        inlinePolicy: p.InlinePolicy === "" ? null : p.InlinePolicy,
        permissionsBoundary:
          b === undefined
            ? null
            : "ManagedPolicyArn" in b
              ? { type: "MANAGED" as const, managedPolicyArn: b.ManagedPolicyArn }
              : {
                  type: "CUSTOMER_MANAGED" as const,
                  name: b.CustomerManagedPolicyReference.Name,
                  path: b.CustomerManagedPolicyReference.Path,
                },
        tags: tags(p.Tags),
        createdDate: new Date(p.CreatedDate).toISOString(),
      };
    }),
    assignments: reachable.map(assignment),
    access: accessRowsOf(expectedAccess(world)),
    orphanedAssignments: reachable.filter((a) => orphaned.has(a)).map(assignment),
  };
}

/** JSON with object keys sorted, so equal values give equal strings whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** Compares two arrays as sets of canonical JSON; the failure names up to 5 missing and extra items. */
export function expectSameSet(
  label: string,
  actualItems: Iterable<unknown>,
  expected: Iterable<unknown>,
): void {
  const actual = [...actualItems];
  const a = new Set(actual.map(canonical));
  const e = new Set([...expected].map(canonical));
  const missing = [...e].filter((x) => !a.has(x));
  const extra = [...a].filter((x) => !e.has(x));
  expect({ label, missing: missing.slice(0, 5), extra: extra.slice(0, 5) }).toEqual({
    label,
    missing: [],
    extra: [],
  });
  expect(actual.length, `${label}: duplicates`).toBe(a.size);
}

const ARRAYS = [
  "users",
  "groups",
  "memberships",
  "accounts",
  "permissionSets",
  "assignments",
  "access",
  "orphanedAssignments",
] as const;

/** Every array of the snapshot equals the expected one as a set; the instance equals exactly. */
export function expectSnapshot(actual: Snapshot, expected: Snapshot): void {
  expect(actual.instance).toEqual(expected.instance);
  for (const key of ARRAYS) expectSameSet(key, actual[key], expected[key]);
}

export function counts(snapshot: Snapshot): Record<string, number> {
  return Object.fromEntries(ARRAYS.map((key) => [key, snapshot[key].length]));
}
