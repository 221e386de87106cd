// The tricky shapes of permission set policies: what counts as admin-equivalent, as able to change
// IAM, and as unknown (never as safe).
import { describe, expect, it } from "vitest";
import { permissionSet } from "../../../test/store/fixtures.js";
import { analyzePermissionSet } from "./permission-set-analysis.js";

const inline = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const analyze = (over: Parameters<typeof permissionSet>[1]) => analyzePermissionSet(permissionSet(1, over));

describe("admin-equivalent", () => {
  it("is the AWS managed AdministratorAccess policy, in any partition", () => {
    for (const arn of [
      "arn:aws:iam::aws:policy/AdministratorAccess",
      "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
    ])
      expect(analyze({ managedPolicies: [arn] }).admin?.sources).toEqual([
        { type: "MANAGED", policyArn: arn },
      ]);
    expect(
      analyze({ managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess-Amplify"] }).admin,
    ).toBeNull();
    expect(analyze({ managedPolicies: ["arn:aws:iam::aws:policy/PowerUserAccess"] }).admin).toBeNull();
  });

  it("is an inline Allow of * or *:* on Resource * without Condition (string or array)", () => {
    for (const st of [
      { Effect: "Allow", Action: "*", Resource: "*" },
      { Effect: "Allow", Action: ["s3:GetObject", "*:*"], Resource: ["arn:aws:s3:::b", "*"] },
      { Effect: "allow", Action: "*", Resource: "*", Condition: {} },
    ])
      expect(analyze({ inlinePolicy: inline(st) }).admin).not.toBeNull();
  });

  it("is not a conditional, resource-limited, NotAction or Deny statement", () => {
    for (const st of [
      {
        Effect: "Allow",
        Action: "*",
        Resource: "*",
        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
      },
      { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::bucket/*" },
      { Effect: "Allow", NotAction: "iam:*", Resource: "*" },
      { Effect: "Deny", Action: "*", Resource: "*" },
      { Effect: "Allow", Action: "ec2:*", Resource: "*" },
    ])
      expect(analyze({ inlinePolicy: inline(st) }).admin, JSON.stringify(st)).toBeNull();
  });

  it("is taken back by an unconditional Deny of a core power, even of a managed grant", () => {
    const denyIam = { Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "*" };
    const a = analyze({
      managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"],
      inlinePolicy: inline(denyIam),
    });
    expect(a.admin).toBeNull();
    expect(a.adminDeniedBy).toEqual([{ statementIndex: 0, sid: "NoIam", statement: denyIam }]);
    expect(a.escalation).toBeNull();
    // A narrow guardrail (or a conditional Deny) leaves it admin-equivalent.
    const guard = { Effect: "Deny", Action: "cloudtrail:StopLogging", Resource: "*" };
    const conditional = {
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:ViaAWSService": "true" } },
    };
    expect(
      analyze({ inlinePolicy: inline({ Effect: "Allow", Action: "*", Resource: "*" }, guard, conditional) })
        .admin,
    ).not.toBeNull();
  });
});

describe("IAM escalation", () => {
  it("is IAMFullAccess (all IAM actions)", () => {
    const e = analyze({ managedPolicies: ["arn:aws:iam::aws:policy/IAMFullAccess"] }).escalation;
    expect(e).toMatchObject({ verdict: "escalation", actions: ["iam:*"] });
  });

  it("is iam:* or a self-escalating action inline on *, in any case", () => {
    expect(
      analyze({ inlinePolicy: inline({ Effect: "Allow", Action: "IAM:*", Resource: "*" }) }).escalation,
    ).toMatchObject({
      verdict: "escalation",
      actions: ["iam:*"],
    });
    expect(
      analyze({ inlinePolicy: inline({ Effect: "Allow", Action: "iam:attachuserpolicy", Resource: "*" }) })
        .escalation?.actions,
    ).toEqual(["iam:AttachUserPolicy"]);
  });

  it("is iam:PassRole together with iam:CreateRole or iam:AttachRolePolicy, not PassRole alone", () => {
    const pass = { Effect: "Allow", Action: "iam:PassRole", Resource: "*" };
    expect(analyze({ inlinePolicy: inline(pass) }).escalation).toBeNull();
    const both = analyze({
      inlinePolicy: inline(pass, {
        Sid: "Roles",
        Effect: "Allow",
        Action: ["iam:Create*"],
        Resource: "arn:aws:iam::*:role/*",
      }),
    }).escalation;
    expect(both?.verdict).toBe("escalation");
    expect(both?.actions).toEqual(expect.arrayContaining(["iam:PassRole", "iam:CreateRole"]));
    expect(both?.sources.map((s) => (s.type === "INLINE" ? s.statementIndex : -1)).sort()).toEqual([0, 1]);
  });

  it("counts NotAction grants that leave IAM in", () => {
    const e = analyze({
      inlinePolicy: inline({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" }),
    }).escalation;
    expect(e).toMatchObject({ verdict: "escalation", actions: ["iam:*"] });
    expect(
      analyze({ inlinePolicy: inline({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }) }).escalation,
    ).toBeNull();
  });

  it("is not a conditional grant, one on named resources, or one an unconditional Deny takes back", () => {
    for (const statements of [
      [
        {
          Effect: "Allow",
          Action: "iam:*",
          Resource: "*",
          Condition: { StringEquals: { "aws:PrincipalTag/team": "x" } },
        },
      ],
      [{ Effect: "Allow", Action: "iam:*", Resource: "arn:aws:iam::123456789012:role/app-role" }],
      [
        { Effect: "Allow", Action: "iam:*", Resource: "*" },
        { Effect: "Deny", Action: "iam:*", Resource: "*" },
      ],
      [
        { Effect: "Allow", Action: "iam:*", Resource: "*" },
        { Effect: "Deny", NotAction: "s3:*", Resource: "*" },
      ],
    ])
      expect(
        analyze({ inlinePolicy: inline(...statements) }).escalation,
        JSON.stringify(statements),
      ).toBeNull();
  });

  it("reports customer-managed policies and unreadable inline policies as unknown, never safe", () => {
    const cm = analyze({ customerManagedPolicies: [{ name: "TeamPolicy", path: "/team/" }] }).escalation;
    expect(cm).toMatchObject({
      verdict: "unknown",
      unreadable: { customerManagedPolicies: [{ name: "TeamPolicy", path: "/team/" }] },
    });
    const broken = analyze({ inlinePolicy: "{oops" }).escalation;
    expect(broken).toMatchObject({
      verdict: "unknown",
      unreadable: { inlinePolicyError: "the policy is not valid JSON" },
    });
    // A known escalation wins over the unknown part.
    const known = analyze({
      managedPolicies: ["arn:aws:iam::aws:policy/IAMFullAccess"],
      customerManagedPolicies: [{ name: "TeamPolicy", path: "/" }],
    }).escalation;
    expect(known?.verdict).toBe("escalation");
    // Admin-equivalent sets are reported by their own rule, not twice.
    expect(
      analyze({ managedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] }).escalation,
    ).toBeNull();
  });
});
