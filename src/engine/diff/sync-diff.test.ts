import { describe, expect, it } from "vitest";
import { accessRowsOf } from "../../domain/access-rows.js";
import type { AccessGrant, Snapshot, User } from "../../domain/model.js";
import type { StoredAccess, StoredState, StoredUser, UserScopedState } from "../../domain/sync-state.js";
import { encodeVia } from "../../domain/via.js";
import { computeSyncDiff, type StoredStateSource } from "./sync-diff.js";

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
const storedAccess = (g: AccessGrant): StoredAccess => ({ ...g, via: encodeVia(g.via) });

/** The stored state in memory, served as the store serves it (user-scoped rows by the users asked). */
function memory(old: Old): StoredStateSource & { loaded: string[][] } {
  const loaded: string[][] = [];
  return {
    loaded,
    loadState: () => Promise.resolve(old),
    loadUserScoped: (_org, _conn, userIds) => {
      loaded.push(userIds);
      const pick = <T extends { userId: string }>(xs: readonly T[]) =>
        xs.filter((x) => userIds.includes(x.userId));
      return Promise.resolve({ memberships: pick(old.memberships), access: pick(old.access) });
    },
  };
}

/** The diff as the sync runner computes it. */
const diffState = (old: Old, next: Snapshot, at: string, baseline: boolean) =>
  computeSyncDiff(memory(old), "org", "conn", next, at, baseline);
const kinds = (d: { changes: { kind: string; userId: string | null }[] }) =>
  d.changes.map((c) => `${c.kind} ${c.userId ?? ""}`.trim());

describe("computeSyncDiff", () => {
  it("records a baseline without change rows but with every row to write", async () => {
    const next = snap({
      users: [user("a"), user("b")],
      // A membership naming a user AWS no longer lists grants nothing and is not stored.
      memberships: [
        { groupId: "g", userId: "a" },
        { groupId: "g", userId: "gone" },
      ],
      groups: [{ groupId: "g", displayName: "G", description: null }],
      access: accessRowsOf([grant("a", [{ type: "DIRECT" }])]),
    });
    const source = memory(empty);
    const d = await computeSyncDiff(source, "org", "conn", next, T1, true);
    expect(source.loaded).toEqual([]);
    expect(d.changes).toEqual([]);
    expect(d.writes.users.map((u) => [u.userId, u.firstSeenAt, u.deletedAt])).toEqual([
      ["a", T1, null],
      ["b", T1, null],
    ]);
    expect(d.writes.memberships.add).toEqual([{ groupId: "g", userId: "a" }]);
    expect([...d.writes.access.upsert]).toEqual([grant("a", [{ type: "DIRECT" }])]);
    expect(d.writes.groups.upsert).toHaveLength(1);
  });

  it("finds added, deleted, disabled, enabled, updated and restored users", async () => {
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
    const d = await diffState(old, next, T1, false);
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

  it("writes nothing and records nothing when nothing changed", async () => {
    const u = user("a", { externalIds: [{ issuer: "okta", id: "1" }] });
    const d = await diffState({ ...empty, users: [stored(u)] }, snap({ users: [u] }), T1, false);
    expect(d.changes).toEqual([]);
    expect(d.writes.users).toEqual([]);
  });

  it("rewrites a user whose external ids or email order changed, without a change row for the ids", async () => {
    const u = user("a", { externalIds: [{ issuer: "okta", id: "1" }], emails: ["x@e.com", "y@e.com"] });
    const old = { ...empty, users: [stored(u)] };
    const ids = await diffState(
      old,
      snap({ users: [{ ...u, externalIds: [{ issuer: "okta", id: "2" }] }] }),
      T1,
      false,
    );
    expect(ids.changes).toEqual([]);
    expect(ids.writes.users.map((w) => w.externalIds)).toEqual([[{ issuer: "okta", id: "2" }]]);
    const emails = await diffState(
      old,
      snap({ users: [{ ...u, emails: ["y@e.com", "x@e.com"] }] }),
      T1,
      false,
    );
    expect(kinds(emails)).toEqual(["user.updated a"]);
    expect(emails.writes.users).toHaveLength(1);
  });

  it("rewrites changed groups and accounts without change rows, and reports permission set updates by field", async () => {
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
      createdDate: null,
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
    expect((await diffState(old, reordered, T1, false)).writes.permissionSets.upsert).toEqual([]);

    const next = snap({
      groups: [{ groupId: "g", displayName: "G2", description: null }],
      accounts: [{ accountId: "1", name: "A", email: null, status: "SUSPENDED", tags: {} }],
      permissionSets: [{ ...ps, inlinePolicy: "{}", tags: {} }],
    });
    const d = await diffState(old, next, T1, false);
    expect(d.changes.map((c) => c.kind)).toEqual(["permissionSet.updated"]);
    expect(d.changes[0]?.detail).toEqual({
      name: "Admin",
      before: { inlinePolicy: null, tags: { x: "1" } },
      after: { inlinePolicy: "{}", tags: {} },
    });
    expect(d.writes.groups.upsert).toHaveLength(1);
    expect(d.writes.accounts.upsert).toHaveLength(1);
  });

  it("reports assignments with the principal as a flat id, and access granted and revoked", async () => {
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
    const d = await diffState(old, next, T1, false);
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

  it("gives the same result a chunk of users at a time as all at once", async () => {
    const ids = ["a", "b", "c", "d", "e"];
    const g = { groupId: "g", displayName: "G", description: null };
    const old: Old = {
      ...empty,
      users: ids.slice(0, 3).map((u) => stored(user(u))),
      groups: [g],
      memberships: ids.slice(0, 3).map((u) => ({ groupId: "g", userId: u })),
      access: ids.slice(0, 3).map((u) => storedAccess(grant(u, [{ type: "GROUP", groupId: "g" }]))),
    };
    const next = snap({
      users: ids.slice(2).map((u) => user(u)),
      groups: [g],
      memberships: ids.slice(2).map((u) => ({ groupId: "g", userId: u })),
      access: accessRowsOf(ids.slice(2).map((u) => grant(u, [{ type: "GROUP", groupId: "g" }]))),
    });
    const source = memory(old);
    const chunked = await computeSyncDiff(source, "org", "conn", next, T1, false, { chunk: 2 });
    expect(source.loaded).toEqual([["a", "b"], ["c", "d"], ["e"]]);
    expect(chunked).toEqual(await diffState(old, next, T1, false));
    expect(
      chunked.changes.filter((c) => c.kind.startsWith("membership.")).map((c) => `${c.kind} ${c.userId}`),
    ).toEqual(["membership.removed a", "membership.removed b", "membership.added d", "membership.added e"]);
    expect(chunked.changes.filter((c) => c.kind === "access.granted")[0]?.detail).toEqual({
      userName: "d@example.com",
      accountName: null,
      permissionSetName: null,
      via: [{ type: "GROUP", groupId: "g" }],
    });
  });
});
