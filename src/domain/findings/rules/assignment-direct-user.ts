// assignment.direct_user (low): a permission set assigned to a user directly instead of through a
// group. Direct assignments escape group-based reviews and stay when the person changes teams.
import type { FindingsContext } from "../context.js";
import { compositeId } from "../finding-id.js";
import { accountLabel, draft, permissionSetLabel, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const assignmentDirectUser: FindingRule = {
  id: "assignment.direct_user",
  severity: "low",
  title: "A permission set assigned to a user directly instead of a group",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const a of ctx.snapshot.assignments) {
      if (a.principalType !== "USER") continue;
      const user = ctx.users.get(a.principalId);
      if (user === undefined) continue; // orphaned: assignment.orphaned reports it
      const accountName = accountLabel(ctx, a.accountId);
      const permissionSetName = permissionSetLabel(ctx, a.permissionSetArn);
      out.push(
        draft(
          this,
          {
            type: "assignment",
            id: compositeId(a.accountId, a.permissionSetArn, a.principalType, a.principalId),
            name: `${user.userName} / ${accountName} / ${permissionSetName}`,
          },
          {
            userId: a.principalId,
            accountId: a.accountId,
            permissionSetArn: a.permissionSetArn,
            details: { userName: user.userName, accountName, permissionSetName },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const d = f.details;
    return `${str(d, "userName")} is assigned ${str(d, "permissionSetName")} on ${str(d, "accountName")} directly, not through a group`;
  },
};
