// user.inactive (medium): an ENABLED user who holds access and has not signed in for the threshold
// (90 days by default). Needs sign-in activity (CloudTrail, optional): without it, silent.
import type { FindingsContext } from "../context.js";
import { draft, num, plural, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";
import { inactivityCutoff, lastSeenText } from "./inactivity.js";

export const userInactive: FindingRule = {
  id: "user.inactive",
  severity: "medium",
  title: "An ENABLED user with access who has not signed in for 90 days",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const activity = ctx.activity;
    const cutoff = inactivityCutoff(activity);
    if (activity === undefined || cutoff === null) return [];
    const out: FindingDraft[] = [];
    for (const user of ctx.snapshot.users) {
      if (user.status !== "ENABLED") continue;
      const rows = ctx.accessRowsByUser.get(user.userId) ?? 0;
      if (rows === 0) continue;
      const last = activity.lastSignInAt.get(user.userId);
      if (last !== undefined && last >= cutoff) continue;
      out.push(
        draft(
          this,
          { type: "user", id: user.userId, name: user.userName },
          {
            userId: user.userId,
            details: { accessRows: rows, lastSignInAt: last ?? null, thresholdDays: activity.thresholdDays },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const days = num(f.details, "thresholdDays") || 90;
    return `${f.subject.name ?? f.subject.id} has not signed in for ${days} days (last sign-in: ${lastSeenText(f.details.lastSignInAt)}) but holds ${plural(num(f.details, "accessRows"), "access row")}`;
  },
};
