// permission_set.iam_escalation: a permission set that can change IAM (high): IAMFullAccess, or
// inline grants of iam:* or of self-escalating IAM actions, or iam:PassRole with iam:CreateRole,
// iam:AttachRolePolicy or iam:PutRolePolicy, unconditionally on broad resources. Customer-managed
// policies cannot be read: "unknown, review" (low), never reported as safe. An admin-equivalent
// permission set can change IAM too; it is reported by permission_set.admin_equivalent only.
import type { FindingsContext } from "../context.js";
import { draft, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";
import { describeSources } from "./permission-set-admin-equivalent.js";

export const permissionSetIamEscalation: FindingRule = {
  id: "permission_set.iam_escalation",
  severity: "high",
  title: "A permission set that can change IAM (or whose policies we cannot read)",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const ps of ctx.snapshot.permissionSets) {
      const e = ctx.analysis.get(ps.arn)?.escalation;
      if (e == null) continue;
      out.push(
        draft(
          this,
          { type: "permission_set", id: ps.arn, name: ps.name },
          {
            severity: e.verdict === "escalation" ? "high" : "low",
            permissionSetArn: ps.arn,
            details: {
              verdict: e.verdict,
              actions: e.actions,
              sources: e.sources,
              customerManagedPolicies: e.unreadable.customerManagedPolicies,
              inlinePolicyError: e.unreadable.inlinePolicyError,
            },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const name = f.subject.name ?? f.subject.id;
    const d = f.details;
    if (d.verdict === "escalation") {
      const actions = Array.isArray(d.actions) ? d.actions.join(", ") : "";
      return `Permission set ${name} can change IAM: ${actions} (${describeSources(d.sources)})`;
    }
    const refs = Array.isArray(d.customerManagedPolicies)
      ? (d.customerManagedPolicies as { name: string; path: string }[]).map((p) => `${p.path}${p.name}`)
      : [];
    const why = [
      refs.length === 0 ? null : `customer-managed policies idc-sync cannot read (${refs.join(", ")})`,
      typeof d.inlinePolicyError === "string"
        ? `an inline policy it cannot parse (${d.inlinePolicyError})`
        : null,
    ].filter((w) => w !== null);
    return `Permission set ${name} has ${why.join(" and ")}: unknown, review whether they can change IAM`;
  },
};
