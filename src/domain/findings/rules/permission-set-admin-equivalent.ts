// permission_set.admin_equivalent (high): the AWS managed AdministratorAccess policy, or an inline
// Allow of `*` (or `*:*`) on Resource `*` with no Condition, not taken back by an unconditional Deny.
import type { FindingsContext } from "../context.js";
import type { GrantSource } from "../permission-set-analysis.js";
import { draft, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export function describeSources(sources: unknown): string {
  if (!Array.isArray(sources)) return "";
  return (sources as GrantSource[])
    .map((s) =>
      s.type === "MANAGED"
        ? s.policyArn.slice(s.policyArn.lastIndexOf("/") + 1)
        : `inline statement ${s.sid === null ? `#${s.statementIndex + 1}` : `"${s.sid}"`}`,
    )
    .join(", ");
}

export const permissionSetAdminEquivalent: FindingRule = {
  id: "permission_set.admin_equivalent",
  severity: "high",
  title: "A permission set that grants administrator rights",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const ps of ctx.snapshot.permissionSets) {
      const admin = ctx.analysis.get(ps.arn)?.admin;
      if (admin == null) continue;
      out.push(
        draft(
          this,
          { type: "permission_set", id: ps.arn, name: ps.name },
          {
            permissionSetArn: ps.arn,
            details: { sources: admin.sources, permissionsBoundary: ps.permissionsBoundary },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const boundary =
      f.details.permissionsBoundary == null
        ? ""
        : "; a permissions boundary is set and may limit it (not evaluated)";
    return `Permission set ${f.subject.name ?? f.subject.id} grants administrator rights (${describeSources(f.details.sources)})${boundary}`;
  },
};
