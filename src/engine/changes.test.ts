import { describe, expect, it } from "vitest";
import { accessRowsOf } from "../domain/access-rows.js";
import type { AccessGrant, Snapshot, User } from "../domain/model.js";
import type { StoredAccess, StoredState, StoredUser, UserScopedState } from "../store/store.js";
import { diffCore, diffState } from "./changes.js";
import { appendScoped, diffUserScoped, emptyScopedDiff, type SnapshotScoped } from "./sync-diff-links.js";
import { viaJson } from "../store/rows.js";

const T0 = "2026-11-01T00:00:00.000Z";
const T1 = "2026-11-02T00:00:00.000Z";

function user(id: string, over: Partial<User> = {}): User {
  return {
    userId: id,
    userName: `${id}@example.com`,
    displayName: id.toUpperCase(),
    givenName: null,
    familyName: null,
    emails: [`${id}@example.com`],
    primaryEmail: `${id}@example.com`,
    externalIds: [],
    status: "ENABLED",
    ...over,
  };
}

function stored(u: User, over: Partial<StoredUser> = {}): StoredUser {
  return { ...u, firstSeenAt: T0, deletedAt: null, ...over };
}

function snap(parts: Partial<Snapshot>): Snapshot {
  return {
    instance: {
      instanceArn: "i",
      identityStoreId: "d",
      ownerAccountId: null,
      name: null,
      status: null,
      type: null,
    },
    users: [],
    groups: [],
    memberships: [],
    accounts: [],
    permissionSets: [],
    assignments: [],
    access: accessRowsOf([]),
    orphanedAssignments: [],
    ...parts,
  };
}

type Old = StoredState & UserScopedState;
const empty: Old = {
  users: [],
  groups: [],
  accounts: [],
  permissionSets: [],
  assignments: [],
  memberships: [],
  access: [],
};

const grant = (userId: string, via: AccessGrant["via"]): AccessGrant => ({
  userId,
  accountId: "111111111111",
  permissionSetArn: "ps",
  via,
});
const storedAccess = (g: AccessGrant): StoredAccess => ({ ...g, via: viaJson(g.via) });
const kinds = (d: { changes: { kind: string; userId: string | null }[] }) =>
  d.changes.map((c) => `${c.kind} ${c.userId ?? ""}`.trim());

describe("diffState", () => {
  it("records a baseline without change rows but with every row to write", () => {
    const next = snap({
      users: [user("a"), user("b")],
      memberships: [{ groupId: "g", userId: "a" }],
      groups: [{ groupId: "g", displayName: "G", description: null }],
    });
    const d = diffState(empty, next, T1, true);
    expect(d.changes).toEqual([]);
    expect(d.writes.users.map((u) => [u.userId, u.firstSeenAt, u.deletedAt])).toEqual([
      ["a", T1, null],
      ["b", T1, null],
    ]);
    expect(d.writes.memberships.add).toHaveLength(1);
    expect(d.writes.groups.upsert).toHaveLength(1);
  });

  it("finds added, deleted, disabled, enabled, updated and restored users", () => {
    const old: Old = {
      ...empty,
      users: [
        stored(user("a")),
        stored(user("b")),
        stored(user("c", { status: "DISABLED" })),
        stored(user("d")),
        stored(user("e"), { status: "DELETED", deletedAt: T0 }),
        stored(user("f"), { status: "DELETED", deletedAt: T0 }),
      ],
    };
    const next = snap({
      users: [
        user("b", { status: "DISABLED" }),
        user("c"),
        user("d", { displayName: "Dee", userName: "dee" }),
        user("e"),
        user("g"),
      ],
    });
    const d = diffState(old, next, T1, false);
    expect(kinds(d)).toEqual([
      "user.deleted a",
      "user.disabled b",
      "user.enabled c",
      "user.updated d",
      "user.restored e",
      "user.added g",
    ]);
    expect(d.usersDeleted).toBe(1);
    expect(d.liveUsersBefore).toBe(4);
    const updated = d.changes.find((c) => c.kind === "user.updated");
    expect(updated?.detail).toEqual({
      userName: "dee",
      before: { userName: "d@example.com", displayName: "D" },
      after: { userName: "dee", displayName: "Dee" },
    });
    const byId = new Map(d.writes.users.map((u) => [u.userId, u]));
    expect(byId.get("a")).toMatchObject({
      status: "DELETED",
      deletedAt: T1,
      firstSeenAt: T0,
      userName: "a@example.com",
    });
    expect(byId.get("e")).toMatchObject({ status: "ENABLED", deletedAt: null, firstSeenAt: T0 });
    expect(byId.get("g")).toMatchObject({ firstSeenAt: T1 });
    expect(byId.has("f")).toBe(false);
    expect(d.writes.renamedUsers).toEqual([{ userId: "d", userName: "dee" }]);
  });

  it("writes nothing and records nothing when nothing changed", () => {
    const u = user("a", { externalIds: [{ issuer: "okta", id: "1" }] });
    const d = diffState({ ...empty, users: [stored(u)] }, snap({ users: [u] }), T1, false);
    expect(d.changes).toEqual([]);
    expect(d.writes.users).toEqual([]);
  });

  it("rewrites a user whose external ids or email order changed, without a change row for the ids", () => {
    const u = user("a", { externalIds: [{ issuer: "okta", id: "1" }], emails: ["x@e.com", "y@e.com"] });
    const old = { ...empty, users: [stored(u)] };
    const ids = diffState(
      old,
      snap({ users: [{ ...u, externalIds: [{ issuer: "okta", id: "2" }] }] }),
      T1,
      false,
    );
    expect(ids.changes).toEqual([]);
    expect(ids.writes.users.map((w) => w.externalIds)).toEqual([[{ issuer: "okta", id: "2" }]]);
    const emails = diffState(old, snap({ users: [{ ...u, emails: ["y@e.com", "x@e.com"] }] }), T1, false);
    expect(kinds(emails)).toEqual(["user.updated a"]);
    expect(emails.writes.users).toHaveLength(1);
  });

  it("rewrites changed groups and accounts without change rows, and reports permission set updates by field", () => {
    const ps = {
      arn: "ps",
      name: "Admin",
      description: null,
      sessionDuration: "PT1H",
      relayState: null,
      managedPolicies: ["b", "a"],
      customerManagedPolicies: [],
      inlinePolicy: null,
      permissionsBoundary: null,
      tags: { x: "1" },
    };
    const old: Old = {
      ...empty,
      groups: [{ groupId: "g", displayName: "G", description: null }],
      accounts: [{ accountId: "1", name: "A", email: null, status: "ACTIVE", tags: {} }],
      permissionSets: [ps],
    };
    const reordered = snap({
      groups: old.groups,
      accounts: old.accounts,
      permissionSets: [{ ...ps, managedPolicies: ["a", "b"] }],
    });
    expect(diffState(old, reordered, T1, false).writes.permissionSets.upsert).toEqual([]);

    const next = snap({
      groups: [{ groupId: "g", displayName: "G2", description: null }],
      accounts: [{ accountId: "1", name: "A", email: null, status: "SUSPENDED", tags: {} }],
      permissionSets: [{ ...ps, inlinePolicy: "{}", tags: {} }],
    });
    const d = diffState(old, next, T1, false);
    expect(d.changes.map((c) => c.kind)).toEqual(["permissionSet.updated"]);
    expect(d.changes[0]?.detail).toEqual({
      name: "Admin",
      before: { inlinePolicy: null, tags: { x: "1" } },
      after: { inlinePolicy: "{}", tags: {} },
    });
    expect(d.writes.groups.upsert).toHaveLength(1);
    expect(d.writes.accounts.upsert).toHaveLength(1);
  });

  it("reports assignments with the principal as a flat id, and access granted and revoked", () => {
    const old: Old = {
      ...empty,
      users: [stored(user("a")), stored(user("b"))],
      assignments: [{ accountId: "1", permissionSetArn: "ps", principalType: "GROUP", principalId: "g" }],
      access: [
        grant("a", [{ type: "GROUP", groupId: "g" }]),
        grant("b", [{ type: "GROUP", groupId: "g" }]),
      ].map(storedAccess),
    };
    const next = snap({
      users: [user("a"), user("b")],
      assignments: [{ accountId: "1", permissionSetArn: "ps", principalType: "USER", principalId: "a" }],
      access: accessRowsOf([grant("a", [{ type: "DIRECT" }])]),
    });
    const d = diffState(old, next, T1, false);
    expect(d.changes.map((c) => [c.kind, c.userId, c.groupId])).toEqual([
      ["assignment.removed", null, "g"],
      ["assignment.added", "a", null],
      ["access.revoked", "b", null],
    ]);
    // a's access stays, only its path changed: rewritten without a change row.
    expect(d.writes.access.upsert).toEqual([grant("a", [{ type: "DIRECT" }])]);
    expect(d.writes.userNames.get("a")).toBe("a@example.com");
    expect(d.writes.access.remove).toEqual([
      { userId: "b", accountId: "111111111111", permissionSetArn: "ps" },
    ]);
  });

  it("gives the same result a chunk of users at a time as all at once", () => {
    const ids = ["a", "b", "c", "d", "e"];
    const old: UserScopedState = {
      memberships: ids.slice(0, 3).map((u) => ({ groupId: "g", userId: u })),
      access: ids.slice(0, 3).map((u) => storedAccess(grant(u, [{ type: "GROUP", groupId: "g" }]))),
    };
    const next: SnapshotScoped = {
      memberships: ids.slice(2).map((u) => ({ groupId: "g", userId: u })),
      access: ids.slice(2).map((u) => grant(u, [{ type: "GROUP", groupId: "g" }])),
    };
    const names = diffCore(empty, snap({}), T1).names;
    const whole = diffUserScoped(old, next, names);
    const chunked = emptyScopedDiff();
    for (const chunk of [ids.slice(0, 2), ids.slice(2)]) {
      const pick = <T extends { userId: string }>(xs: readonly T[]) =>
        xs.filter((x) => chunk.includes(x.userId));
      appendScoped(
        chunked,
        diffUserScoped(
          { memberships: pick(old.memberships), access: pick(old.access) },
          { memberships: pick(next.memberships), access: pick(next.access) },
          names,
        ),
      );
    }
    expect(chunked).toEqual(whole);
    expect(whole.membershipChanges.map((c) => `${c.kind} ${c.userId}`)).toEqual([
      "membership.removed a",
      "membership.removed b",
      "membership.added d",
      "membership.added e",
    ]);
  });
});
