// user.no_access (low): an ENABLED user with no access to any account: a seat with no use (or a
// person whose access is still to be set up).
import type { FindingsContext } from "../context.js";
import { draft, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const userNoAccess: FindingRule = {
  id: "user.no_access",
  severity: "low",
  title: "An ENABLED user with no access anywhere (a seat with no use)",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const user of ctx.snapshot.users) {
      if (user.status !== "ENABLED" || ctx.accessRowsByUser.has(user.userId)) continue;
      out.push(draft(this, { type: "user", id: user.userId, name: user.userName }, { userId: user.userId }));
    }
    return out;
  },
  message(f) {
    return `${f.subject.name ?? f.subject.id} is enabled but has no access to any account`;
  },
};
