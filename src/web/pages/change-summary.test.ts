import { describe, expect, it } from "vitest";
import type { Change } from "../api/types.js";
import { describeChange } from "./change-summary.js";

const change = (patch: Partial<Change>): Change => ({
  id: "1",
  connectionId: "c1",
  syncRunId: "r1",
  kind: "user.added",
  at: "2026-11-30T12:00:00.000Z",
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
