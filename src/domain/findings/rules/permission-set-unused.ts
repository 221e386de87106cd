// permission_set.unused (low): a permission set assigned nowhere (no assignment to a user or group
// that exists), in any account.
import type { FindingsContext } from "../context.js";
import { draft, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const permissionSetUnused: FindingRule = {
  id: "permission_set.unused",
  severity: "low",
  title: "A permission set assigned nowhere",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    return ctx.snapshot.permissionSets
      .filter((ps) => (ctx.permissionSetAssignments.get(ps.arn) ?? 0) === 0)
      .map((ps) =>
        draft(this, { type: "permission_set", id: ps.arn, name: ps.name }, { permissionSetArn: ps.arn }),
      );
  },
  message(f) {
    return `Permission set ${f.subject.name ?? f.subject.id} is not assigned to anyone in any account`;
  },
};
