import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixture } from "./fixture.js";
import {
  SandboxMutationError,
  addAccount,
  addAssignment,
  addGroup,
  addMembership,
  addPermissionSet,
  addUser,
  applyMutations,
  deleteGroup,
  deleteUser,
  removeAccount,
  removeAssignment,
  removeMembership,
  renameUser,
  setUserStatus,
  updatePermissionSet,
} from "./mutate.js";
import { expectedAccess, orphanedAssignments } from "./truth.js";
import type { SbAssignment } from "./model.js";

const SMALL_ORG = join(import.meta.dirname, "../../test/fixtures/sandbox/small-org.json");
const U1 = "1234567890-aaaaaaaa-0000-4000-8000-000000000001";
const U4 = "bbbbbbbb-0000-4000-8000-000000000004";
const G1 = "1234567890-cccccccc-0000-4000-8000-000000001001";
const G2 = "1234567890-cccccccc-0000-4000-8000-000000001002";
const PROD = "222222222222";
const ADMIN = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-aaaaaaaaaaaaaaaa";
const READ = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-bbbbbbbbbbbbbbbb";

const world = () => loadFixture(SMALL_ORG);

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    if (err instanceof SandboxMutationError) return err.code;
    throw err;
  }
  return "no error";
}

describe("users", () => {
  it("addUser adds an ENABLED user with a store-prefixed id, deterministically, and bumps the revision", () => {
    const a = world();
    const b = world();
    const user = addUser(a);
    expect(a.revision).toBe(1);
    expect(user.UserId).toMatch(/^1234567890-[0-9a-f-]{36}$/);
    expect(user.UserStatus).toBe("ENABLED");
    expect(a.users.at(-1)).toBe(user);
    expect(addUser(b)).toEqual(user);
    expect(addUser(a).UserId).not.toBe(user.UserId);
  });

  it("addUser takes overrides and refuses a taken UserName (case-insensitive) or a bad field", () => {
    const w = world();
    const u = addUser(w, {
      UserName: "new@example.com",
      DisplayName: "Nouvel Utilisateur",
      UserStatus: "DISABLED",
    });
    expect(u).toMatchObject({
      UserName: "new@example.com",
      DisplayName: "Nouvel Utilisateur",
      UserStatus: "DISABLED",
    });
    const revision = w.revision;
    expect(codeOf(() => addUser(w, { UserName: "NEW@example.com" }))).toBe("CONFLICT");
    expect(codeOf(() => addUser(w, { UserName: "x".repeat(129) }))).toBe("INVALID");
    expect(w.revision).toBe(revision);
  });

  it("deleteUser removes the user and memberships but leaves assignments orphaned", () => {
    const w = world();
    const assignments = w.assignments.length;
    deleteUser(w, U1);
    expect(w.users.some((u) => u.UserId === U1)).toBe(false);
    expect(w.memberships.some((m) => m.UserId === U1)).toBe(false);
    expect(w.assignments).toHaveLength(assignments);
    expect(orphanedAssignments(w).some((a) => a.PrincipalId === U1)).toBe(true);
    expect(expectedAccess(w).some((r) => r.userId === U1)).toBe(false);
    expect(codeOf(() => deleteUser(w, U1))).toBe("NOT_FOUND");
  });

  it("setUserStatus and renameUser change the user and its UpdatedAt", () => {
    const w = world();
    const before = w.users[0]?.UpdatedAt;
    expect(setUserStatus(w, U1, "DISABLED").UserStatus).toBe("DISABLED");
    const renamed = renameUser(w, U1, {
      displayName: "Zoé D'Arc",
      givenName: "Zoé",
      email: "zoe@example.com",
    });
    expect(renamed.DisplayName).toBe("Zoé D'Arc");
    expect(renamed.Name).toEqual({ FamilyName: "O'Brien", GivenName: "Zoé" });
    expect(renamed.Emails).toEqual([{ Value: "zoe@example.com", Type: "work", Primary: true }]);
    expect(renamed.UpdatedAt > (before ?? "")).toBe(true);
    expect(w.revision).toBe(2);
    const noEmail = renameUser(w, "1234567890-aaaaaaaa-0000-4000-8000-000000000002", {
      email: "bob@example.com",
    });
    expect(noEmail.Emails).toEqual([{ Value: "bob@example.com", Primary: true }]);
    expect(codeOf(() => renameUser(w, U1, { userName: "BOB" }))).toBe("CONFLICT");
  });
});

describe("groups and memberships", () => {
  it("addGroup, addMembership and removeMembership", () => {
    const w = world();
    const g = addGroup(w, { Description: "Équipe nouvelle" });
    expect(g).toMatchObject({ DisplayName: "New Group 1", Description: "Équipe nouvelle" });
    const m = addMembership(w, g.GroupId, U4);
    expect(m.MembershipId).toMatch(/^1234567890-/);
    expect(codeOf(() => addMembership(w, g.GroupId, U4))).toBe("CONFLICT");
    expect(codeOf(() => addMembership(w, g.GroupId, "bbbbbbbb-0000-4000-8000-00000000dead"))).toBe(
      "NOT_FOUND",
    );
    addMembership(w, G1, U4);
    const g1Members = w.memberships.filter((x) => x.GroupId === G1).map((x) => x.UserId);
    expect(g1Members).toEqual([U1, U4]);
    expect(w.memberships.findIndex((x) => x.GroupId === G1 && x.UserId === U4)).toBe(1);
    removeMembership(w, G1, U4);
    expect(codeOf(() => removeMembership(w, G1, U4))).toBe("NOT_FOUND");
    expect(w.revision).toBe(4);
  });

  it("deleteGroup removes the group and its memberships, leaving its assignments orphaned", () => {
    const w = world();
    deleteGroup(w, G2);
    expect(w.memberships.some((m) => m.GroupId === G2)).toBe(false);
    expect(orphanedAssignments(w).some((a) => a.PrincipalId === G2)).toBe(true);
    expect(expectedAccess(w).some((r) => r.via.some((p) => p.type === "GROUP" && p.groupId === G2))).toBe(
      false,
    );
  });
});

describe("accounts, permission sets and assignments", () => {
  it("addAssignment provisions the pair, and removeAssignment keeps the provisioning", () => {
    const w = world();
    const acct = addAccount(w, { Name: "Sandbox" });
    expect(acct.Id).toMatch(/^\d{12}$/);
    const a: SbAssignment = {
      AccountId: acct.Id,
      PermissionSetArn: READ,
      PrincipalType: "USER",
      PrincipalId: U4,
    };
    addAssignment(w, a);
    expect(w.provisioned[acct.Id]).toEqual([READ]);
    expect(expectedAccess(w)).toContainEqual({
      userId: U4,
      accountId: acct.Id,
      permissionSetArn: READ,
      via: [{ type: "DIRECT" }],
    });
    expect(codeOf(() => addAssignment(w, a))).toBe("CONFLICT");
    expect(
      codeOf(() => addAssignment(w, { ...a, PrincipalId: "bbbbbbbb-0000-4000-8000-00000000dead" })),
    ).toBe("NOT_FOUND");
    removeAssignment(w, a);
    expect(w.provisioned[acct.Id]).toEqual([READ]);
    expect(codeOf(() => removeAssignment(w, a))).toBe("NOT_FOUND");
  });

  it("removeAccount drops the account with its provisioning and assignments, never the management account", () => {
    const w = world();
    removeAccount(w, PROD);
    expect(w.accounts.map((a) => a.Id)).toEqual(["111111111111"]);
    expect(w.provisioned[PROD]).toBeUndefined();
    expect(w.assignments.every((a) => a.AccountId !== PROD)).toBe(true);
    expect(codeOf(() => removeAccount(w, "111111111111"))).toBe("INVALID");
  });

  it("addPermissionSet and updatePermissionSet", () => {
    const w = world();
    const ps = addPermissionSet(w, { Name: "Auditor" });
    expect(ps.PermissionSetArn).toMatch(
      /^arn:aws:sso:::permissionSet\/ssoins-1234567890abcdef\/ps-[0-9a-f]{16}$/,
    );
    const updated = updatePermissionSet(w, ADMIN, {
      description: null,
      sessionDuration: "PT12H",
      relayState: "https://console.aws.amazon.com/",
      managedPolicies: ["job-function/ViewOnlyAccess"],
      tags: [{ Key: "env", Value: "prod" }],
    });
    expect(updated.Description).toBeUndefined();
    expect(updated).toMatchObject({
      SessionDuration: "PT12H",
      RelayState: "https://console.aws.amazon.com/",
      ManagedPolicies: [
        { Name: "ViewOnlyAccess", Arn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess" },
      ],
      Tags: [{ Key: "env", Value: "prod" }],
    });
    expect(w.permissionSets[0]).toBe(updated);
    expect(codeOf(() => updatePermissionSet(w, ADMIN, { sessionDuration: "one hour" }))).toBe("INVALID");
    expect(w.permissionSets[0]?.SessionDuration).toBe("PT12H");
  });
});

describe("applyMutations", () => {
  it("applies a JSON list in order and returns created ids", () => {
    const w = world();
    const out = applyMutations(
      w,
      [
        { op: "addUser", user: { UserName: "eve@example.com" } },
        { op: "deleteUser", userId: U4 },
        { op: "setUserStatus", userId: U1, status: "DISABLED" },
        { op: "addMembership", groupId: G2, userId: U1 },
      ].slice(0, 3),
    );
    expect(out.revision).toBe(3);
    expect(out.results.map((r) => r.op)).toEqual(["addUser", "deleteUser", "setUserStatus"]);
    const newId = out.results[0]?.id ?? "";
    const more = applyMutations(w, [
      { op: "addMembership", groupId: G1, userId: newId },
      {
        op: "addAssignment",
        accountId: PROD,
        permissionSetArn: READ,
        principalType: "GROUP",
        principalId: G1,
      },
      { op: "updatePermissionSet", permissionSetArn: READ, description: "Lecture seule" },
    ]);
    expect(more.revision).toBe(6);
    // G1 is assigned on (mgmt, admin), (prod, admin) and now (prod, read).
    expect(expectedAccess(w).filter((r) => r.userId === newId)).toHaveLength(3);
  });

  it("rejects an invalid list before applying anything, naming the entry and field", () => {
    const w = world();
    expect(() =>
      applyMutations(w, [
        { op: "deleteUser", userId: U1 },
        { op: "setUserStatus", userId: U1 },
      ]),
    ).toThrow(/\[1\]\.status/);
    expect(() => applyMutations(w, [{ op: "explode" }])).toThrow(/\[0\]\.op/);
    expect(w.revision).toBe(0);
  });

  it("stops at the first failing change, saying which", () => {
    const w = world();
    expect(() =>
      applyMutations(w, [
        { op: "deleteUser", userId: U4 },
        { op: "deleteUser", userId: U4 },
      ]),
    ).toThrow(/mutation \[1\] \(deleteUser\): no user/);
    expect(w.revision).toBe(1);
  });
});
