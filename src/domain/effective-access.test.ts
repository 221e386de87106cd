import { describe, expect, it } from "vitest";
import { resolveEffectiveAccess } from "./effective-access.js";
import type { AccessGrant, AccessPath, Assignment, Membership } from "./model.js";
import { compareAccessGrants, compareStrings, isSorted } from "./sort.js";

const A1 = "111111111111";
const A2 = "222222222222";
const PS1 = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa";
const PS2 = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb";

const users = (...ids: string[]) => ids.map((userId) => ({ userId }));
const groups = (...ids: string[]) => ids.map((groupId) => ({ groupId }));
const user = (principalId: string, accountId = A1, permissionSetArn = PS1): Assignment => ({
  accountId,
  permissionSetArn,
  principalType: "USER",
  principalId,
});
const group = (principalId: string, accountId = A1, permissionSetArn = PS1): Assignment => ({
  accountId,
  permissionSetArn,
  principalType: "GROUP",
  principalId,
});

describe("resolveEffectiveAccess", () => {
  it("shares one frozen via list between the rows of the same paths", () => {
    const result = resolveEffectiveAccess({
      users: users("u1", "u2"),
      groups: groups("g1"),
      memberships: [
        { groupId: "g1", userId: "u1" },
        { groupId: "g1", userId: "u2" },
      ],
      assignments: [group("g1"), group("g1", A2)],
    });
    const rows = [...result.access];
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.via)).size).toBe(1);
    expect(Object.isFrozen(rows[0]?.via)).toBe(true);
  });

  it("merges direct and group paths into one row, DIRECT first then groups by id", () => {
    const result = resolveEffectiveAccess({
      users: users("u1"),
      groups: groups("g2", "g1"),
      memberships: [
        { groupId: "g2", userId: "u1" },
        { groupId: "g1", userId: "u1" },
      ],
      assignments: [group("g2"), user("u1"), group("g1")],
    });
    expect([...result.access]).toEqual([
      {
        userId: "u1",
        accountId: A1,
        permissionSetArn: PS1,
        via: [{ type: "DIRECT" }, { type: "GROUP", groupId: "g1" }, { type: "GROUP", groupId: "g2" }],
      },
    ]);
    expect(result.orphanedAssignments).toEqual([]);
  });

  it("grants nothing through missing users or groups, and reports those assignments as orphaned", () => {
    const result = resolveEffectiveAccess({
      users: users("u1"),
      groups: groups("g1"),
      memberships: [
        { groupId: "g1", userId: "gone-user" },
        { groupId: "gone-group", userId: "u1" },
      ],
      assignments: [user("gone-user"), group("gone-group"), group("g1"), user("u1", A2, PS2)],
    });
    expect([...result.access]).toEqual([
      { userId: "u1", accountId: A2, permissionSetArn: PS2, via: [{ type: "DIRECT" }] },
    ]);
    expect(result.orphanedAssignments).toEqual([group("gone-group"), user("gone-user")]);
  });

  it("counts an empty group's assignment as live, granting nothing", () => {
    const result = resolveEffectiveAccess({
      users: users("u1"),
      groups: groups("empty"),
      memberships: [],
      assignments: [group("empty")],
    });
    expect([...result.access]).toEqual([]);
    expect(result.orphanedAssignments).toEqual([]);
  });

  it("lists a path once when an assignment or a membership repeats", () => {
    const result = resolveEffectiveAccess({
      users: users("u1"),
      groups: groups("g1"),
      memberships: [
        { groupId: "g1", userId: "u1" },
        { groupId: "g1", userId: "u1" },
      ],
      assignments: [group("g1"), group("g1"), user("u1"), user("u1")],
    });
    expect(result.access).toHaveLength(1);
    expect([...result.access][0]?.via).toEqual([{ type: "DIRECT" }, { type: "GROUP", groupId: "g1" }]);
  });

  it("sorts by code units, not by locale", () => {
    const result = resolveEffectiveAccess({
      users: users("b", "B", "a"),
      groups: [],
      memberships: [],
      assignments: [user("b"), user("B"), user("a")],
    });
    expect([...result.access].map((g) => g.userId)).toEqual(["B", "a", "b"]);
  });

  it("equals a brute-force resolution on random organizations", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = mulberry32(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
      const userIds = Array.from({ length: 30 }, (_, i) => `u${i}`);
      const groupIds = Array.from({ length: 8 }, (_, i) => `g${i}`);
      const accountIds = [A1, A2, "333333333333"];
      const psArns = [PS1, PS2];
      const memberships: Membership[] = Array.from({ length: 60 }, () => ({
        groupId: pick([...groupIds, "g-missing"]),
        userId: pick([...userIds, "u-missing"]),
      }));
      const assignments: Assignment[] = Array.from({ length: 25 }, () => ({
        accountId: pick(accountIds),
        permissionSetArn: pick(psArns),
        principalType: random() < 0.5 ? "USER" : "GROUP",
        principalId: random() < 0.5 ? pick([...userIds, "u-missing"]) : pick([...groupIds, "g-missing"]),
      }));
      const liveUsers = userIds.slice(0, 25);
      const liveGroups = groupIds.slice(0, 6);
      const input = {
        users: users(...liveUsers),
        groups: groups(...liveGroups),
        memberships,
        assignments,
      };
      const result = resolveEffectiveAccess(input);
      const expected = bruteForce(liveUsers, liveGroups, memberships, assignments);
      expect([...result.access]).toEqual(expected);
      expect(result.access).toHaveLength(expected.length);
      expect(JSON.parse(JSON.stringify(result.access))).toEqual(expected);
      expect(isSorted([...result.access], compareAccessGrants)).toBe(true);
      // A chunk of users, named in any order and with unknown ids, gives their rows in table order.
      const chunk = [pick(userIds), "u-missing", pick(userIds), pick(userIds)];
      expect(result.access.forUsers(chunk)).toEqual(expected.filter((r) => chunk.includes(r.userId)));
      const orphaned = assignments.filter((a) =>
        a.principalType === "USER" ? !liveUsers.includes(a.principalId) : !liveGroups.includes(a.principalId),
      );
      expect(result.orphanedAssignments).toHaveLength(orphaned.length);
      expect(new Set(result.orphanedAssignments)).toEqual(new Set(orphaned));
    }
  });
});

function bruteForce(
  userIds: string[],
  groupIds: string[],
  memberships: Membership[],
  assignments: Assignment[],
): AccessGrant[] {
  type Row = Omit<AccessGrant, "via"> & { via: AccessPath[] };
  const rows: Row[] = [];
  for (const userId of userIds) {
    const myGroups = new Set(
      memberships.filter((m) => m.userId === userId && groupIds.includes(m.groupId)).map((m) => m.groupId),
    );
    const targets = new Map<string, Row>();
    for (const a of assignments) {
      const path: AccessPath | undefined =
        a.principalType === "USER" && a.principalId === userId
          ? { type: "DIRECT" }
          : a.principalType === "GROUP" && myGroups.has(a.principalId)
            ? { type: "GROUP", groupId: a.principalId }
            : undefined;
      if (path === undefined) continue;
      const key = `${a.accountId} ${a.permissionSetArn}`;
      const row: Row = targets.get(key) ?? {
        userId,
        accountId: a.accountId,
        permissionSetArn: a.permissionSetArn,
        via: [],
      };
      targets.set(key, row);
      if (!row.via.some((p) => JSON.stringify(p) === JSON.stringify(path))) row.via.push(path);
    }
    rows.push(...targets.values());
  }
  const pathKey = (p: AccessPath) => (p.type === "DIRECT" ? "" : `g:${p.groupId}`);
  for (const row of rows) row.via.sort((x, y) => compareStrings(pathKey(x), pathKey(y)));
  return rows.sort(compareAccessGrants);
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
