// permission_set.long_session (low): a session duration over 8 hours (AWS allows up to 12): a
// stolen session stays usable that long.
import type { FindingsContext } from "../context.js";
import { draft, num, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const LONG_SESSION_HOURS = 8;

/** Hours of an ISO-8601 duration such as PT12H, PT8H30M, P1D; null if it is not one. */
export function durationHours(text: string): number | null {
  const m =
    /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(
      text.trim(),
    );
  if (m === null || text.trim().toUpperCase() === "P" || /T$/i.test(text.trim())) return null;
  const [, d, h, min, s] = m;
  return Number(d ?? 0) * 24 + Number(h ?? 0) + Number(min ?? 0) / 60 + Number(s ?? 0) / 3600;
}

export const permissionSetLongSession: FindingRule = {
  id: "permission_set.long_session",
  severity: "low",
  title: `A session duration over ${LONG_SESSION_HOURS} hours`,
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const ps of ctx.snapshot.permissionSets) {
      const hours = ps.sessionDuration === null ? null : durationHours(ps.sessionDuration);
      if (hours === null || hours <= LONG_SESSION_HOURS) continue;
      out.push(
        draft(
          this,
          { type: "permission_set", id: ps.arn, name: ps.name },
          {
            permissionSetArn: ps.arn,
            details: { sessionDuration: ps.sessionDuration, hours: Math.round(hours * 100) / 100 },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    return `Permission set ${f.subject.name ?? f.subject.id} allows sessions of ${num(f.details, "hours")} hours (${str(f.details, "sessionDuration")}), over ${LONG_SESSION_HOURS}`;
  },
};
