import { describe, expect, it } from "vitest";
import { actionMatches, parsePolicy, statementCovers } from "./policy.js";

describe("parsePolicy", () => {
  it("takes Statement as an object or an array, Action and Resource as a string or an array", () => {
    const one = parsePolicy(
      JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } }),
    );
    const many = parsePolicy(
      JSON.stringify({
        Statement: [{ Sid: "A", Effect: "deny", NotAction: ["iam:*"], NotResource: ["arn:x"] }],
      }),
    );
    expect(one).toMatchObject({
      ok: true,
      statements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["*"] }],
    });
    expect(many).toMatchObject({
      ok: true,
      statements: [
        { sid: "A", effect: "Deny", actions: null, notActions: ["iam:*"], notResources: ["arn:x"] },
      ],
    });
  });

  it("marks statements with a Condition as conditional (an empty one is none)", () => {
    const p = parsePolicy(
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Action: "*",
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
          },
          { Effect: "Allow", Action: "*", Resource: "*", Condition: {} },
        ],
      }),
    );
    expect(p.ok && p.statements.map((s) => s.conditional)).toEqual([true, false]);
  });

  it("refuses what IAM refuses, saying why", () => {
    expect(parsePolicy("{not json")).toEqual({ ok: false, error: "the policy is not valid JSON" });
    expect(parsePolicy("[]")).toMatchObject({ ok: false });
    expect(parsePolicy(JSON.stringify({ Statement: [{ Effect: "Maybe", Action: "*" }] }))).toMatchObject({
      ok: false,
      error: "statement 0 has no Effect Allow or Deny",
    });
    expect(
      parsePolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", NotAction: "s3:*" }] })),
    ).toMatchObject({ ok: false, error: "statement 0 needs exactly one of Action or NotAction" });
    expect(parsePolicy(JSON.stringify({ Statement: [{ Effect: "Allow", Action: 3 }] }))).toMatchObject({
      ok: false,
    });
  });
});

describe("actionMatches", () => {
  it("matches case-insensitively with * and ? wildcards", () => {
    expect(actionMatches("iam:*", "IAM:PassRole")).toBe(true);
    expect(actionMatches("IAM:passrole", "iam:PassRole")).toBe(true);
    expect(actionMatches("iam:Pass*", "iam:PassRole")).toBe(true);
    expect(actionMatches("iam:*Role", "iam:CreateRole")).toBe(true);
    expect(actionMatches("i?m:*", "iam:CreateRole")).toBe(true);
    expect(actionMatches("*", "iam:CreateRole")).toBe(true);
    expect(actionMatches("*:*", "ec2:RunInstances")).toBe(true);
    expect(actionMatches("iam:Get*", "iam:PassRole")).toBe(false);
    expect(actionMatches("iam.*", "iamx*")).toBe(false);
  });

  it("reads NotAction as every action but those", () => {
    const p = parsePolicy(
      JSON.stringify({
        Statement: { Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" },
      }),
    );
    if (!p.ok) throw new Error(p.error);
    const st = p.statements[0]!;
    expect(statementCovers(st, "ec2:RunInstances")).toBe(true);
    expect(statementCovers(st, "iam:PassRole")).toBe(false);
  });
});
