import { describe, expect, it } from "vitest";
import { problemParts, withoutSessionNames } from "./problem-text.js";

const ARN = "arn:aws:sts::123456789012:assumed-role/IdcSyncReadOnly/idc-sync-conn_01HZXABC";

describe("problemParts (issue 17 defect 6)", () => {
  it("gives a denied optional part a short headline and AWS's text as details, without the session name", () => {
    const message =
      "Account tags are missing (AWS denied organizations:ListTagsForResource: the permission policy of the role " +
      `must allow organizations:ListTagsForResource (AWS said AccessDeniedException: User: ${ARN} is not authorized))`;
    const parts = problemParts(message);
    expect(parts.headline).toBe("Account tags are missing");
    expect(parts.details).toContain("AWS said AccessDeniedException");
    expect(parts.details).toContain("assumed-role/IdcSyncReadOnly/…");
    expect(parts.details).not.toContain("idc-sync-conn_01HZXABC");
  });

  it("keeps a sync error's fix in the headline and AWS's words in the details", () => {
    const parts = problemParts(
      "AWS denied identitystore:ListUsers: the permission policy of the role must allow identitystore:ListUsers " +
        "(AWS said AccessDeniedException: not authorized)",
    );
    expect(parts.headline).toBe(
      "AWS denied identitystore:ListUsers: the permission policy of the role must allow identitystore:ListUsers",
    );
    expect(parts.details).toBe("AWS said AccessDeniedException: not authorized");
  });

  it("leaves a message without AWS's words whole, with no details", () => {
    expect(problemParts("AWS kept throttling")).toEqual({ headline: "AWS kept throttling", details: null });
  });

  it("shortens a very long headline and keeps the whole text behind details", () => {
    const long = "x".repeat(300);
    const parts = problemParts(long);
    expect(parts.headline.length).toBeLessThanOrEqual(160);
    expect(parts.details).toBe(long);
  });

  it("removes only the session part of assumed-role ARNs", () => {
    expect(withoutSessionNames(`User: ${ARN} is not`)).toBe(
      "User: arn:aws:sts::123456789012:assumed-role/IdcSyncReadOnly/… is not",
    );
  });
});
