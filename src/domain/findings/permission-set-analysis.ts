// What a permission set's policies grant, as far as we can read them: admin-equivalent, able to
// change IAM, or unknown (customer-managed policies live in each account; their documents are not
// readable with the 20 actions the customer grants). Shared by the permission set rules and
// access.admin; computed once per permission set per sync.
import type { PermissionSet } from "../model.js";
import {
  allowingStatements,
  denyingStatement,
  isAdminStatement,
  parsePolicy,
  type PolicyStatement,
} from "./policy.js";

/** Where a grant comes from: an AWS managed policy, or a statement of the inline policy. */
export type GrantSource =
  | { type: "MANAGED"; policyArn: string }
  | { type: "INLINE"; statementIndex: number; sid: string | null; statement: unknown };

/** A statement that takes a grant away, for the "why". */
export interface DenySource {
  statementIndex: number;
  sid: string | null;
  statement: unknown;
}

export interface AdminVerdict {
  sources: GrantSource[];
}

export interface EscalationVerdict {
  /** "escalation": we read a grant that can change IAM; "unknown": documents we cannot read. */
  verdict: "escalation" | "unknown";
  /** The IAM actions granted unconditionally on broad resources ("iam:*" when all of them). */
  actions: string[];
  sources: GrantSource[];
  /** Why the verdict is unknown: customer-managed policies, or an inline policy we could not parse. */
  unreadable: { customerManagedPolicies: { name: string; path: string }[]; inlinePolicyError: string | null };
}

export interface PermissionSetAnalysis {
  admin: AdminVerdict | null;
  escalation: EscalationVerdict | null;
  /** Unconditional Deny statements that stop an otherwise admin-equivalent grant. */
  adminDeniedBy: DenySource[];
}

const MANAGED_ARN = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/;
const ADMIN_POLICY = "AdministratorAccess";
const IAM_POLICY = "IAMFullAccess";

/** Actions whose denial makes a grant of `*` no longer "everything": one per kind of power. */
const ADMIN_PROBES = [
  "iam:CreateUser",
  "iam:AttachRolePolicy",
  "sts:AssumeRole",
  "organizations:LeaveOrganization",
  "ec2:RunInstances",
  "s3:DeleteBucket",
  "kms:Decrypt",
];

/** IAM actions that let the holder grant themselves (or a principal they control) more rights. */
export const SELF_ESCALATION_ACTIONS = [
  "iam:CreatePolicyVersion",
  "iam:SetDefaultPolicyVersion",
  "iam:AttachUserPolicy",
  "iam:AttachGroupPolicy",
  "iam:PutUserPolicy",
  "iam:PutGroupPolicy",
  "iam:AddUserToGroup",
  "iam:CreateAccessKey",
  "iam:CreateLoginProfile",
  "iam:UpdateLoginProfile",
  "iam:UpdateAssumeRolePolicy",
];
/** With iam:PassRole, any of these creates or empowers a role that a service then runs as. */
export const PASS_ROLE_PARTNERS = ["iam:CreateRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"];
const IAM_ACTIONS = [
  ...SELF_ESCALATION_ACTIONS,
  ...PASS_ROLE_PARTNERS,
  "iam:PassRole",
  "iam:CreateUser",
  "iam:DeleteRole",
];

function managedName(arn: string): string | null {
  return MANAGED_ARN.exec(arn)?.[1] ?? null;
}

function inlineSource(st: PolicyStatement): GrantSource {
  return { type: "INLINE", statementIndex: st.index, sid: st.sid, statement: st.raw };
}

export function analyzePermissionSet(ps: PermissionSet): PermissionSetAnalysis {
  let statements: PolicyStatement[] = [];
  let inlinePolicyError: string | null = null;
  if (ps.inlinePolicy !== null && ps.inlinePolicy.trim() !== "") {
    const parsed = parsePolicy(ps.inlinePolicy);
    if (parsed.ok) statements = parsed.statements;
    else inlinePolicyError = parsed.error;
  }
  const managed = (name: string) => ps.managedPolicies.filter((arn) => managedName(arn) === name);
  const adminManaged = managed(ADMIN_POLICY);
  const iamManaged = managed(IAM_POLICY);
  // Managed grants count as unconditional Allow on everything (their documents are AWS's own).
  const denied = (action: string) => denyingStatement(statements, action);

  const adminSources: GrantSource[] = [
    ...adminManaged.map((policyArn): GrantSource => ({ type: "MANAGED", policyArn })),
    ...statements.filter(isAdminStatement).map(inlineSource),
  ];
  const adminDeniedBy: DenySource[] = [];
  if (adminSources.length > 0) {
    for (const probe of ADMIN_PROBES) {
      const st = denied(probe);
      if (st !== null && !adminDeniedBy.some((d) => d.statementIndex === st.index))
        adminDeniedBy.push({ statementIndex: st.index, sid: st.sid, statement: st.raw });
    }
  }
  const admin = adminSources.length > 0 && adminDeniedBy.length === 0 ? { sources: adminSources } : null;

  let escalation: EscalationVerdict | null = null;
  if (admin === null) {
    const sources = new Map<string, GrantSource>();
    const allowed = IAM_ACTIONS.filter((action) => {
      if (denied(action) !== null) return false;
      let grants = false;
      for (const policyArn of [...adminManaged, ...iamManaged]) {
        sources.set(policyArn, { type: "MANAGED", policyArn });
        grants = true;
      }
      for (const st of allowingStatements(statements, action)) {
        sources.set(`inline:${st.index}`, inlineSource(st));
        grants = true;
      }
      return grants;
    });
    const has = (a: string) => allowed.includes(a);
    const escalates =
      SELF_ESCALATION_ACTIONS.some(has) || (has("iam:PassRole") && PASS_ROLE_PARTNERS.some(has));
    const unreadable = {
      customerManagedPolicies: ps.customerManagedPolicies.map((p) => ({ name: p.name, path: p.path })),
      inlinePolicyError,
    };
    if (escalates) {
      escalation = {
        verdict: "escalation",
        actions: allowed.length === IAM_ACTIONS.length ? ["iam:*"] : allowed,
        sources: [...sources.values()],
        unreadable,
      };
    } else if (unreadable.customerManagedPolicies.length > 0 || inlinePolicyError !== null) {
      escalation = { verdict: "unknown", actions: allowed, sources: [], unreadable };
    }
  }
  return { admin, escalation, adminDeniedBy };
}
