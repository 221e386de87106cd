import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixture } from "./fixture.js";
import { generateWorld } from "./generate.js";
import { expectedAccess, orphanedAssignments, planCallCounts } from "./truth.js";
import type { ExpectedAccessRow } from "./truth.js";
import type { SbWorld } from "./model.js";

const SMALL_ORG = join(import.meta.dirname, "../../test/fixtures/sandbox/small-org.json");

const U1 = "1234567890-aaaaaaaa-0000-4000-8000-000000000001";
const U2 = "1234567890-aaaaaaaa-0000-4000-8000-000000000002";
const U3 = "1234567890-aaaaaaaa-0000-4000-8000-000000000003";
const U4 = "bbbbbbbb-0000-4000-8000-000000000004";
const G1 = "1234567890-cccccccc-0000-4000-8000-000000001001";
const G2 = "1234567890-cccccccc-0000-4000-8000-000000001002";
const MGMT = "111111111111";
const PROD = "222222222222";
const ADMIN = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-aaaaaaaaaaaaaaaa";
const READ = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-bbbbbbbbbbbbbbbb";

describe("expectedAccess on the small org (hand-computed)", () => {
  it("lists one row per live user, account and permission set with every path", () => {
    expect(expectedAccess(loadFixture(SMALL_ORG))).toEqual([
      { userId: U1, accountId: MGMT, permissionSetArn: ADMIN, via: [{ type: "GROUP", groupId: G1 }] },
      {
        userId: U1,
        accountId: PROD,
        permissionSetArn: ADMIN,
        via: [{ type: "DIRECT" }, { type: "GROUP", groupId: G1 }],
      },
      { userId: U1, accountId: PROD, permissionSetArn: READ, via: [{ type: "GROUP", groupId: G2 }] },
      // U2 is DISABLED but live: still listed.
      { userId: U2, accountId: PROD, permissionSetArn: READ, via: [{ type: "GROUP", groupId: G2 }] },
      { userId: U3, accountId: PROD, permissionSetArn: READ, via: [{ type: "GROUP", groupId: G2 }] },
      { userId: U4, accountId: PROD, permissionSetArn: READ, via: [{ type: "DIRECT" }] },
    ] satisfies ExpectedAccessRow[]);
  });

  it("drops a deleted user's rows and group paths of a deleted group", () => {
    const w = loadFixture(SMALL_ORG);
    w.users = w.users.filter((u) => u.UserId !== U4);
    w.groups = w.groups.filter((g) => g.GroupId !== G1);
    const rows = expectedAccess(w);
    expect(rows.some((r) => r.userId === U4)).toBe(false);
    expect(rows.filter((r) => r.userId === U1)).toEqual([
      { userId: U1, accountId: PROD, permissionSetArn: ADMIN, via: [{ type: "DIRECT" }] },
      { userId: U1, accountId: PROD, permissionSetArn: READ, via: [{ type: "GROUP", groupId: G2 }] },
    ]);
  });

  it("lists the orphaned assignments", () => {
    expect(orphanedAssignments(loadFixture(SMALL_ORG)).map((a) => [a.PrincipalType, a.PrincipalId])).toEqual([
      ["GROUP", "1234567890-cccccccc-0000-4000-8000-0000000010ff"],
      ["USER", "1234567890-aaaaaaaa-0000-4000-8000-0000000000ff"],
    ]);
  });
});

/** A deliberately naive second implementation, to cross-check the fast one on generated worlds. */
function naiveAccess(w: SbWorld): ExpectedAccessRow[] {
  const users = new Set(w.users.map((u) => u.UserId));
  const groups = new Set(w.groups.map((g) => g.GroupId));
  const rows = new Map<string, ExpectedAccessRow>();
  const add = (userId: string, a: { AccountId: string; PermissionSetArn: string }, groupId?: string) => {
    const key = JSON.stringify([userId, a.AccountId, a.PermissionSetArn]);
    const row = rows.get(key) ?? {
      userId,
      accountId: a.AccountId,
      permissionSetArn: a.PermissionSetArn,
      via: [],
    };
    row.via.push(groupId === undefined ? { type: "DIRECT" } : { type: "GROUP", groupId });
    rows.set(key, row);
  };
  for (const a of w.assignments) {
    if (a.PrincipalType === "USER" && users.has(a.PrincipalId)) add(a.PrincipalId, a);
    if (a.PrincipalType === "GROUP" && groups.has(a.PrincipalId)) {
      for (const m of w.memberships) if (m.GroupId === a.PrincipalId) add(m.UserId, a, m.GroupId);
    }
  }
  const key = (p: ExpectedAccessRow["via"][number]) => (p.type === "DIRECT" ? "" : p.groupId);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const r of rows.values()) r.via.sort((a, b) => cmp(key(a), key(b)));
  return [...rows.values()].sort(
    (a, b) =>
      cmp(a.userId, b.userId) || cmp(a.accountId, b.accountId) || cmp(a.permissionSetArn, b.permissionSetArn),
  );
}

describe("expectedAccess on generated worlds", () => {
  it("matches a naive computation", () => {
    for (const seed of [1, 2, 3]) {
      const w = generateWorld({
        seed,
        users: 300,
        groups: 25,
        accounts: 10,
        permissionSets: 7,
        assignmentsPerPair: 3,
      });
      const rows = expectedAccess(w);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows).toEqual(naiveAccess(w));
    }
  });
});

describe("planCallCounts", () => {
  it("counts the per-account plan on the small org", () => {
    expect(planCallCounts(loadFixture(SMALL_ORG))).toEqual({
      "identitystore:ListUsers": 1,
      "identitystore:ListGroups": 1,
      "identitystore:ListGroupMemberships": 2,
      "sso:ListInstances": 1,
      "sso:DescribeInstance": 1,
      "sso:ListPermissionSets": 1,
      "sso:DescribePermissionSet": 2,
      "sso:ListManagedPoliciesInPermissionSet": 2,
      "sso:ListCustomerManagedPolicyReferencesInPermissionSet": 2,
      "sso:GetInlinePolicyForPermissionSet": 2,
      "sso:GetPermissionsBoundaryForPermissionSet": 2,
      "sso:ListTagsForResource": 2,
      "sso:ListPermissionSetsProvisionedToAccount": 2,
      "sso:ListAccountAssignments": 4,
      "organizations:DescribeOrganization": 1,
      "organizations:ListAccounts": 1,
      "organizations:ListTagsForResource": 2,
    });
  });

  it("follows the page sizes", () => {
    const w = loadFixture(SMALL_ORG);
    const counts = planCallCounts(w, {
      pageSizes: {
        "identitystore:ListUsers": 3,
        "identitystore:ListGroupMemberships": 2,
        "sso:ListAccountAssignments": 2,
        "sso:ListManagedPoliciesInPermissionSet": 1,
        "organizations:ListAccounts": 1,
        "organizations:ListTagsForResource": 1,
      },
      emptyPageEvery: 0,
    });
    expect(counts["organizations:ListTagsForResource"]).toBe(1 + 2); // 0 and 2 tags
    expect(counts["identitystore:ListUsers"]).toBe(2); // 4 users, 3 a page
    expect(counts["identitystore:ListGroupMemberships"]).toBe(1 + 2); // 1 and 3 members
    expect(counts["sso:ListAccountAssignments"]).toBe(1 + 1 + 1 + 2); // 2, 0, 2, 3 assignments
    expect(counts["sso:ListManagedPoliciesInPermissionSet"]).toBe(1 + 2);
    expect(counts["organizations:ListAccounts"]).toBe(2);
  });

  it("counts memberships over 100 in pages and Organizations' empty pages", () => {
    const w = generateWorld({ users: 250, groups: 5, accounts: 45 });
    const sizes = w.groups.map((g) => w.memberships.filter((m) => m.GroupId === g.GroupId).length);
    const expected = sizes.reduce((n, s) => n + Math.max(1, Math.ceil(s / 100)), 0);
    expect(Math.max(...sizes)).toBeGreaterThan(100);
    const counts = planCallCounts(w);
    expect(counts["identitystore:ListGroupMemberships"]).toBe(expected);
    expect(counts["identitystore:ListUsers"]).toBe(3);
    expect(planCallCounts(w, { emptyPageEvery: 0 })["organizations:ListAccounts"]).toBe(3); // 45 accounts, 20 a page
    expect(counts["organizations:ListAccounts"]).toBe(3); // the server's default: an empty page after every 3rd
    expect(planCallCounts(w, { emptyPageEvery: 1 })["organizations:ListAccounts"]).toBe(5);
    expect(planCallCounts(w, { emptyPageEvery: 2 })["organizations:ListAccounts"]).toBe(4);
  });
});
