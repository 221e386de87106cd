// user.disabled_with_access (high): a DISABLED user who still holds access rows. Disabled users
// cannot sign in today; their assignments come back the moment someone re-enables them.
import type { FindingsContext } from "../context.js";
import { accountLabel, draft, num, plural, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const userDisabledWithAccess: FindingRule = {
  id: "user.disabled_with_access",
  severity: "high",
  title: "A DISABLED user who still holds access",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const [userId, rows] of ctx.disabledUserRows) {
      const accountIds = [...new Set(rows.map((r) => r.accountId))];
      const user = ctx.users.get(userId);
      out.push(
        draft(
          this,
          { type: "user", id: userId, name: user?.userName ?? null },
          {
            userId,
            details: {
              accessRows: rows.length,
              accounts: accountIds.map((accountId) => ({
                accountId,
                accountName: accountLabel(ctx, accountId),
              })),
              permissionSets: new Set(rows.map((r) => r.permissionSetArn)).size,
            },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const accounts = Array.isArray(f.details.accounts) ? f.details.accounts.length : 0;
    return `${f.subject.name ?? f.subject.id} is DISABLED but still holds ${plural(num(f.details, "accessRows"), "access row")} in ${plural(accounts, "account")}`;
  },
};
