import { describe, expect, it } from "vitest";
import { CHANGE_KINDS } from "./change.js";
import { readChangeDetail } from "./change-read.js";
import { describeChange, type DescribableChange } from "./describe-change.js";

/** A change as the API gives it, its detail any JSON object (the CLI's is the store's typed Change). */
const change = (patch: Partial<DescribableChange>): DescribableChange => ({
  kind: "user.added",
  userId: "u1",
  groupId: null,
  accountId: null,
  permissionSetArn: null,
  detail: {},
  ...patch,
});

describe("change summaries", () => {
  it("uses the names in detail, falling back to ids", () => {
    expect(describeChange(change({ kind: "user.disabled", detail: { userName: "alice" } }))).toBe(
      "User alice disabled",
    );
    expect(describeChange(change({ kind: "user.disabled" }))).toBe("User u1 disabled");
    expect(
      describeChange(
        change({
          kind: "access.granted",
          accountId: "123456789012",
          permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-abc",
          detail: { userName: "alice" },
        }),
      ),
    ).toBe("alice can now use ps-abc on 123456789012");
  });

  it("names groups, accounts and assignment principals as the diff records them", () => {
    expect(
      describeChange(
        change({ kind: "group.added", userId: null, groupId: "g1", detail: { displayName: "Admins" } }),
      ),
    ).toBe("Group Admins added");
    expect(
      describeChange(
        change({ kind: "account.removed", userId: null, accountId: "1", detail: { name: "prod" } }),
      ),
    ).toBe("Account prod removed");
    const assigned = change({
      kind: "assignment.added",
      userId: null,
      groupId: "g1",
      accountId: "1",
      permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
      detail: { principalName: "Admins", accountName: "prod", permissionSetName: "Admin" },
    });
    expect(describeChange(assigned)).toBe("Admin on prod assigned to group Admins");
  });

  it("lists the fields an update changed", () => {
    const c = change({
      kind: "user.updated",
      detail: { userName: "bob", before: { displayName: "B" }, after: { displayName: "Bob" } },
    });
    expect(describeChange(c)).toBe("User bob changed (displayName)");
  });
});

describe("reading a change's detail", () => {
  it("reads the rows every release so far wrote, and odd rows as unknown names rather than failing", () => {
    // As the changes table holds them (detail JSON written by the diff since the first release).
    const stored = {
      kind: "assignment.removed" as const,
      userId: null,
      groupId: "g1",
      accountId: "111111111111",
      permissionSetArn: "arn:aws:sso:::permissionSet/ssoins-1/ps-1",
      detail: JSON.parse(
        '{"principalType":"GROUP","principalId":"g1","principalName":"Admins","accountName":"prod","permissionSetName":"Admin"}',
      ) as unknown,
    };
    expect(readChangeDetail(stored.kind, stored.detail)).toEqual({
      principalType: "GROUP",
      principalId: "g1",
      principalName: "Admins",
      accountName: "prod",
      permissionSetName: "Admin",
    });
    expect(describeChange(stored)).toBe("Admin on prod unassigned from group Admins");
    expect(readChangeDetail("access.revoked", { userName: 7, via: "x" })).toEqual({
      userName: null,
      accountName: null,
      permissionSetName: null,
      via: [],
    });
    expect(readChangeDetail("permissionSet.updated", null)).toEqual({ name: "", before: {}, after: {} });
    expect(describeChange({ ...stored, kind: "permissionSet.updated", detail: "not an object" })).toBe(
      "Permission set ps-1 changed",
    );
  });

  it("describes every kind", () => {
    for (const kind of CHANGE_KINDS) expect(describeChange(change({ kind }))).not.toMatch(/undefined|null/);
  });
});
