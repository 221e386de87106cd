import { describe, expect, it } from "vitest";
import { generateWorld } from "./generate.js";
import { parseFixture } from "./fixture.js";
import { orphanedAssignments } from "./truth.js";
import type { SbWorld } from "./model.js";

const IDENTITY_ID = /^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INSTANCE_ARN = /^arn:aws:sso:::instance\/ssoins-[0-9a-f]{16}$/;
const PS_ARN = /^arn:aws:sso:::permissionSet\/ssoins-[0-9a-f]{16}\/ps-[0-9a-f]{16}$/;

// Big enough for every realism guarantee (a >100-member group needs 150 users).
const medium = { users: 400, groups: 30, accounts: 12, permissionSets: 8, seed: 7 };

function membersPerGroup(w: SbWorld): Map<string, number> {
  const sizes = new Map<string, number>(w.groups.map((g) => [g.GroupId, 0]));
  for (const m of w.memberships) sizes.set(m.GroupId, (sizes.get(m.GroupId) ?? 0) + 1);
  return sizes;
}

describe("generateWorld determinism", () => {
  it("gives byte-identical JSON for the same options and seed", () => {
    expect(JSON.stringify(generateWorld(medium))).toBe(JSON.stringify(generateWorld({ ...medium })));
  });

  it("gives a different world for a different seed", () => {
    const a = generateWorld(medium);
    const b = generateWorld({ ...medium, seed: 8 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(a.instance.IdentityStoreId).not.toBe(b.instance.IdentityStoreId);
    expect(a.users[0]?.UserId).not.toBe(b.users[0]?.UserId);
  });

  it("keeps accounts when only the number of users changes (independent streams)", () => {
    const a = generateWorld(medium);
    const b = generateWorld({ ...medium, users: 401 });
    expect(b.accounts).toEqual(a.accounts);
  });
});

describe("generateWorld realism", () => {
  const w = generateWorld(medium);

  it("has the requested sizes and passes the fixture validation (shapes and references)", () => {
    expect(w.users).toHaveLength(400);
    expect(w.groups).toHaveLength(30);
    expect(w.accounts).toHaveLength(12);
    expect(w.permissionSets).toHaveLength(8);
    expect(() => parseFixture(JSON.parse(JSON.stringify(w)))).not.toThrow();
  });

  it("mixes ENABLED, DISABLED and users without UserStatus", () => {
    const statuses = new Set(w.users.map((u) => u.UserStatus ?? "absent"));
    expect(statuses).toEqual(new Set(["ENABLED", "DISABLED", "absent"]));
    expect(w.users.filter((u) => !("UserStatus" in u)).length).toBeGreaterThan(0);
  });

  it("has awkward names and maximum-length values", () => {
    const names = w.users.map((u) => u.DisplayName ?? "");
    expect(names.some((n) => n.includes("'"))).toBe(true);
    expect(names.some((n) => n.includes('"'))).toBe(true);
    expect(names.some((n) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(n))).toBe(true);
    expect(names.some((n) => /\p{Extended_Pictographic}/u.test(n))).toBe(true);
    expect(names.some((n) => /[À-ÿ]/.test(n))).toBe(true);
    expect(Math.max(...w.users.map((u) => u.UserName.length))).toBe(128);
    expect(Math.max(...names.map((n) => n.length))).toBe(1024);
    expect(w.users.some((u) => u.DisplayName === undefined)).toBe(true);
  });

  it("gives users zero or one primary email, some of Type work, and some external ids", () => {
    expect(w.users.every((u) => (u.Emails?.length ?? 0) <= 1)).toBe(true);
    expect(w.users.some((u) => u.Emails === undefined)).toBe(true);
    expect(w.users.some((u) => u.Emails?.[0]?.Type === "work")).toBe(true);
    expect(w.users.filter((u) => u.Emails !== undefined).every((u) => u.Emails?.[0]?.Primary === true)).toBe(
      true,
    );
    expect(w.users.some((u) => u.ExternalIds?.[0]?.Issuer === "https://scim.example.com/idp")).toBe(true);
  });

  it("uses AWS id formats", () => {
    expect(w.instance.IdentityStoreId).toMatch(/^d-[0-9a-f]{10}$/);
    expect(w.instance.InstanceArn).toMatch(INSTANCE_ARN);
    expect(w.organization.Id).toMatch(/^o-[a-z0-9]{10}$/);
    for (const u of w.users) expect(u.UserId).toMatch(IDENTITY_ID);
    for (const g of w.groups) expect(g.GroupId).toMatch(IDENTITY_ID);
    for (const m of w.memberships) expect(m.MembershipId).toMatch(IDENTITY_ID);
    for (const a of w.accounts) expect(a.Id).toMatch(/^\d{12}$/);
    for (const p of w.permissionSets) expect(p.PermissionSetArn).toMatch(PS_ARN);
    const suffix = w.instance.InstanceArn.split("/")[1];
    expect(w.permissionSets.every((p) => p.PermissionSetArn.includes(`/${suffix}/`))).toBe(true);
    expect(w.users[0]?.UserId.startsWith(w.instance.IdentityStoreId.slice(2))).toBe(true);
  });

  it("has an empty group, a group over 100 members, unique memberships, and some groups without description", () => {
    const sizes = [...membersPerGroup(w).values()];
    expect(sizes).toContain(0);
    expect(Math.max(...sizes)).toBeGreaterThan(100);
    const pairs = w.memberships.map((m) => `${m.GroupId}/${m.UserId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(w.groups.some((g) => g.Description === undefined)).toBe(true);
  });

  it("has the management account, suspended and closing accounts with consistent State and Status, and tags", () => {
    const mgmt = w.accounts.find((a) => a.Id === w.organization.MasterAccountId);
    expect(mgmt?.State).toBe("ACTIVE");
    expect(w.accounts.some((a) => a.State === "SUSPENDED" && a.Status === "SUSPENDED")).toBe(true);
    expect(w.accounts.some((a) => a.State === "PENDING_CLOSURE" && a.Status === "PENDING_CLOSURE")).toBe(
      true,
    );
    expect(w.accounts.some((a) => a.State === "CLOSED" && a.Status === "SUSPENDED")).toBe(true);
    expect(w.accounts.some((a) => a.Tags.length > 0)).toBe(true);
    expect(w.accounts.every((a) => a.Tags.length <= 3)).toBe(true);
  });

  it("has permission sets with managed, customer-managed, inline and boundary policies", () => {
    const ps = w.permissionSets;
    expect(ps.flatMap((p) => p.ManagedPolicies.map((m) => m.Arn))).toContain(
      "arn:aws:iam::aws:policy/AdministratorAccess",
    );
    expect(ps.some((p) => p.CustomerManagedPolicyReferences.length > 0)).toBe(true);
    expect(ps.some((p) => p.InlinePolicy !== "")).toBe(true);
    expect(ps.some((p) => p.InlinePolicy === "")).toBe(true);
    expect(ps.some((p) => p.PermissionsBoundary !== undefined)).toBe(true);
    for (const p of ps.filter((x) => x.InlinePolicy !== ""))
      expect(() => JSON.parse(p.InlinePolicy) as unknown).not.toThrow();
    expect(ps.every((p) => /^PT\d+H$/.test(p.SessionDuration ?? ""))).toBe(true);
  });

  it("assigns only on provisioned pairs, leaves a provisioned pair without assignments, and has orphans", () => {
    const provisioned = new Set(
      Object.entries(w.provisioned).flatMap(([a, arns]) => arns.map((arn) => `${a} ${arn}`)),
    );
    const assigned = new Set(w.assignments.map((a) => `${a.AccountId} ${a.PermissionSetArn}`));
    for (const pair of assigned) expect(provisioned.has(pair)).toBe(true);
    expect([...provisioned].some((pair) => !assigned.has(pair))).toBe(true);
    expect(orphanedAssignments(w)).toHaveLength(3);
    expect(w.assignments.some((a) => a.PrincipalType === "USER")).toBe(true);
    expect(w.assignments.some((a) => a.PrincipalType === "GROUP")).toBe(true);
  });
});

describe("generateWorld options", () => {
  it("uses the given ids, partition and region", () => {
    const w = generateWorld({
      identityStoreId: "d-0123456789",
      instanceArn: "arn:aws-us-gov:sso:::instance/ssoins-abcdefabcdefabcd",
      managementAccountId: "000000000001",
      region: "us-gov-west-1",
    });
    expect(w.instance.IdentityStoreId).toBe("d-0123456789");
    expect(w.instance.InstanceArn).toBe("arn:aws-us-gov:sso:::instance/ssoins-abcdefabcdefabcd");
    expect(w.organization.MasterAccountId).toBe("000000000001");
    expect(w.accounts.map((a) => a.Id)).toContain("000000000001");
    expect(w.organization.Arn.startsWith("arn:aws-us-gov:organizations::000000000001:")).toBe(true);
    expect(w.permissionSets[0]?.PermissionSetArn).toMatch(
      /^arn:aws-us-gov:sso:::permissionSet\/ssoins-abcdefabcdefabcd\//,
    );
    expect(w.users[0]?.UserId.startsWith("0123456789-")).toBe(true);
    expect(w.region).toBe("us-gov-west-1");
  });

  it("has no permission sets, provisioning or assignments for an ACCOUNT instance", () => {
    const w = generateWorld({ instanceType: "ACCOUNT" });
    expect(w.instance.Type).toBe("ACCOUNT");
    expect(w.instance.OwnerAccountId).not.toBe(w.organization.MasterAccountId);
    expect(w.permissionSets).toEqual([]);
    expect(w.provisioned).toEqual({});
    expect(w.assignments).toEqual([]);
  });

  it("adds other instances with their own identity store ids", () => {
    const w = generateWorld({ otherInstances: 2 });
    const stores = [w.instance, ...w.otherInstances].map((i) => i.IdentityStoreId);
    expect(new Set(stores).size).toBe(3);
    expect(w.otherInstances.every((i) => i.Type === "ACCOUNT")).toBe(true);
  });

  it("honours orphanedAssignments and sizes of zero", () => {
    expect(orphanedAssignments(generateWorld({ orphanedAssignments: 0 }))).toEqual([]);
    const empty = generateWorld({ users: 0, groups: 0, permissionSets: 0, accounts: 1 });
    expect(empty.users).toEqual([]);
    expect(empty.assignments).toEqual([]);
  });

  it("rejects a bad option naming it", () => {
    expect(() => generateWorld({ users: -1 })).toThrow(/'users'/);
    expect(() => generateWorld({ identityStoreId: "d-XYZ" })).toThrow(/'identityStoreId'/);
    expect(() =>
      generateWorld({ partition: "aws", instanceArn: "arn:aws-cn:sso:::instance/ssoins-0123456789abcdef" }),
    ).toThrow(/'instanceArn'/);
    expect(() => generateWorld({ usres: 3 } as never)).toThrow(/usres/);
  });
});
