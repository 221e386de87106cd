// account.inactive_with_access (medium): access on an account that is SUSPENDED, PENDING_CLOSURE
// or CLOSED (Organizations' State; its older Status where State is absent).
import type { FindingsContext } from "../context.js";
import { draft, num, plural, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const INACTIVE_ACCOUNT_STATES = ["SUSPENDED", "PENDING_CLOSURE", "CLOSED"];

export const accountInactiveWithAccess: FindingRule = {
  id: "account.inactive_with_access",
  severity: "medium",
  title: "Access on an account that is SUSPENDED or PENDING_CLOSURE (or CLOSED)",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const account of ctx.snapshot.accounts) {
      const status = account.status?.toUpperCase() ?? "";
      const access = ctx.accessByAccount.get(account.accountId);
      if (!INACTIVE_ACCOUNT_STATES.includes(status) || access === undefined) continue;
      out.push(
        draft(
          this,
          { type: "account", id: account.accountId, name: account.name },
          {
            accountId: account.accountId,
            details: { status, users: access.users, accessRows: access.rows },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    return `Account ${f.subject.name ?? f.subject.id} is ${str(f.details, "status")} but ${plural(num(f.details, "users"), "user")} still hold ${plural(num(f.details, "accessRows"), "access row")} on it`;
  },
};
