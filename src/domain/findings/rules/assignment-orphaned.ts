// assignment.orphaned (medium): an account assignment whose user or group no longer exists. AWS
// keeps it when the principal is deleted; it grants nothing now, but names a principal id that a
// new user or group can never take, and clutters every review.
import type { FindingsContext } from "../context.js";
import { compositeId } from "../finding-id.js";
import { accountLabel, draft, permissionSetLabel, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const assignmentOrphaned: FindingRule = {
  id: "assignment.orphaned",
  severity: "medium",
  title: "An assignment whose user or group no longer exists",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    return ctx.snapshot.orphanedAssignments.map((a) => {
      const accountName = accountLabel(ctx, a.accountId);
      const permissionSetName = permissionSetLabel(ctx, a.permissionSetArn);
      return draft(
        this,
        {
          type: "assignment",
          id: compositeId(a.accountId, a.permissionSetArn, a.principalType, a.principalId),
          name: `${a.principalType} ${a.principalId} / ${accountName} / ${permissionSetName}`,
        },
        {
          accountId: a.accountId,
          permissionSetArn: a.permissionSetArn,
          userId: a.principalType === "USER" ? a.principalId : null,
          groupId: a.principalType === "GROUP" ? a.principalId : null,
          details: {
            principalType: a.principalType,
            principalId: a.principalId,
            accountName,
            permissionSetName,
          },
        },
      );
    });
  },
  message(f) {
    const d = f.details;
    const kind = d.principalType === "GROUP" ? "group" : "user";
    return `${str(d, "permissionSetName")} on ${str(d, "accountName")} is assigned to ${kind} ${str(d, "principalId")}, which no longer exists`;
  },
};
