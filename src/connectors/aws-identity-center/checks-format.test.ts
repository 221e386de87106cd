import { describe, expect, it } from "vitest";
import type { IamAction } from "./actions.js";
import { formatCheckReport } from "./checks-format.js";
import type { CheckReport } from "./checks-types.js";

const ok = (action: IamAction) => ({ action, ok: true, required: true, message: "Allowed" });

describe("formatCheckReport", () => {
  it("prints one line per problem and a verdict", () => {
    const report: CheckReport = {
      ok: false,
      blocking: true,
      instanceType: "ORGANIZATION",
      checks: [
        ok("sts:AssumeRole"),
        { action: "sso:ListAccountAssignments", ok: false, required: true, message: "Denied: add it" },
        { action: "sso:ListTagsForResource", ok: false, required: false, message: "Denied: optional" },
      ],
      warnings: [{ code: "access_denied", action: "sso:ListTagsForResource", message: "Denied: optional" }],
    };
    expect(formatCheckReport(report).split("\n")).toEqual([
      "missing sso:ListAccountAssignments (required): Denied: add it",
      "warning (access_denied) sso:ListTagsForResource: Denied: optional",
      "1 of 3 checks passed (organization instance): cannot connect: fix the problems above and check again",
      "",
    ]);
  });

  it("prints an error once, not again for the check it came from", () => {
    const message = "Refused: unsafe";
    const report: CheckReport = {
      ok: false,
      blocking: true,
      instanceType: null,
      checks: [{ action: "sts:AssumeRole", ok: false, required: true, message }],
      warnings: [],
      error: { code: "unsafe_trust_policy", message },
    };
    expect(formatCheckReport(report)).toBe(
      "error (unsafe_trust_policy): Refused: unsafe\ncannot connect: fix the problem above and check again\n",
    );
  });

  it("says ready when all passed", () => {
    const report: CheckReport = {
      ok: true,
      blocking: false,
      instanceType: null,
      checks: [ok("identitystore:ListUsers")],
      warnings: [],
    };
    expect(formatCheckReport(report)).toBe("1 of 1 checks passed: ready to connect\n");
  });
});
