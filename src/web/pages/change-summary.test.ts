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

  it("lists the fields an update changed", () => {
    const c = change({
      kind: "user.updated",
      detail: { userName: "bob", before: { displayName: "B" }, after: { displayName: "Bob" } },
    });
    expect(describeChange(c)).toBe("User bob changed (displayName)");
  });
});
