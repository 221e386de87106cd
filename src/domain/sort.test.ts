import { describe, expect, it } from "vitest";
import { accessRowsOf } from "./access-rows.js";
import type { Snapshot } from "./model.js";
import { sortSnapshot } from "./canonical.js";
import { compareStrings } from "./sort.js";

const PS_A = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa";
const PS_B = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb";

function snapshot(reverse: boolean): Snapshot {
  const order = <T>(items: T[]): T[] => (reverse ? [...items].reverse() : items);
  return {
    instance: {
      instanceArn: "arn:aws:sso:::instance/ssoins-1111111111111111",
      identityStoreId: "d-1234567890",
      ownerAccountId: "111111111111",
      name: null,
      status: "ACTIVE",
      type: "ORGANIZATION",
    },
    users: order(["u-b", "U-c", "u-a"]).map((userId) => ({
      userId,
      userName: userId,
      displayName: null,
      givenName: null,
      familyName: null,
      emails: [],
      primaryEmail: null,
      externalIds: [],
      status: "ENABLED" as const,
    })),
    groups: order([
      { groupId: "g2", displayName: "Zoë", description: null },
      { groupId: "g1", displayName: "Ärzte", description: null },
    ]),
    memberships: order([
      { groupId: "g2", userId: "u-a" },
      { groupId: "g1", userId: "u-b" },
      { groupId: "g1", userId: "u-a" },
    ]),
    accounts: order([
      {
        accountId: "222222222222",
        name: null,
        email: null,
        status: null,
        tags: order2({ b: "1", a: "2" }, reverse),
      },
      { accountId: "111111111111", name: null, email: null, status: null, tags: {} },
    ]),
    permissionSets: order([PS_B, PS_A]).map((arn) => ({
      arn,
      name: "x",
      description: null,
      sessionDuration: null,
      relayState: null,
      managedPolicies: order(["arn:aws:iam::aws:policy/b", "arn:aws:iam::aws:policy/A"]),
      customerManagedPolicies: order([
        { name: "z", path: "/" },
        { name: "a", path: "/team/" },
        { name: "b", path: "/" },
      ]),
      inlinePolicy: null,
      permissionsBoundary: null,
      tags: order2({ y: "1", x: "2" }, reverse),
      createdDate: null,
    })),
    assignments: order([
      {
        accountId: "222222222222",
        permissionSetArn: PS_A,
        principalType: "USER" as const,
        principalId: "u-a",
      },
      {
        accountId: "111111111111",
        permissionSetArn: PS_B,
        principalType: "USER" as const,
        principalId: "u-a",
      },
      {
        accountId: "111111111111",
        permissionSetArn: PS_B,
        principalType: "GROUP" as const,
        principalId: "g1",
      },
    ]),
    access: accessRowsOf(
      order([
        {
          userId: "u-b",
          accountId: "111111111111",
          permissionSetArn: PS_B,
          via: [{ type: "DIRECT" as const }],
        },
        {
          userId: "u-a",
          accountId: "222222222222",
          permissionSetArn: PS_A,
          via: [{ type: "DIRECT" as const }],
        },
        {
          userId: "u-a",
          accountId: "111111111111",
          permissionSetArn: PS_B,
          via: [{ type: "DIRECT" as const }],
        },
      ]),
    ),
    orphanedAssignments: [],
  };
}

function order2(record: Record<string, string>, reverse: boolean): Record<string, string> {
  const entries = Object.entries(record);
  return Object.fromEntries(reverse ? entries.reverse() : entries);
}

describe("sortSnapshot", () => {
  it("serialises two orderings of the same state byte-identically", () => {
    expect(JSON.stringify(sortSnapshot(snapshot(true)))).toBe(JSON.stringify(sortSnapshot(snapshot(false))));
  });

  it("orders every array by its ids in code units", () => {
    const s = sortSnapshot(snapshot(false));
    expect(s.users.map((u) => u.userId)).toEqual(["U-c", "u-a", "u-b"]);
    expect(s.memberships).toEqual([
      { groupId: "g1", userId: "u-a" },
      { groupId: "g1", userId: "u-b" },
      { groupId: "g2", userId: "u-a" },
    ]);
    expect(s.assignments.map((a) => `${a.accountId} ${a.principalType}`)).toEqual([
      "111111111111 GROUP",
      "111111111111 USER",
      "222222222222 USER",
    ]);
    expect([...s.access].map((a) => `${a.userId} ${a.accountId}`)).toEqual([
      "u-a 111111111111",
      "u-a 222222222222",
      "u-b 111111111111",
    ]);
    expect(s.permissionSets[0]?.managedPolicies).toEqual([
      "arn:aws:iam::aws:policy/A",
      "arn:aws:iam::aws:policy/b",
    ]);
    expect(s.permissionSets[0]?.customerManagedPolicies.map((p) => p.path + p.name)).toEqual([
      "/b",
      "/z",
      "/team/a",
    ]);
    expect(Object.keys(s.accounts[1]?.tags ?? {})).toEqual(["a", "b"]);
  });

  it("does not reorder its input", () => {
    const input = snapshot(true);
    const before = JSON.stringify(input);
    sortSnapshot(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("compareStrings", () => {
  it("compares UTF-16 code units, whatever the locale", () => {
    expect(["é", "z", "Z", "e"].sort(compareStrings)).toEqual(["Z", "e", "z", "é"]);
  });
});
