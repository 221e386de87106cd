// group.empty (low): a group with no members, and whether it still has assignments (which then
// grant nothing today, and everything to whoever is added next).
import type { FindingsContext } from "../context.js";
import { draft, num, plural, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export const groupEmpty: FindingRule = {
  id: "group.empty",
  severity: "low",
  title: "A group with no members (and whether it still has assignments)",
  evaluate(ctx: FindingsContext): FindingDraft[] {
    const out: FindingDraft[] = [];
    for (const group of ctx.snapshot.groups) {
      if ((ctx.memberCount.get(group.groupId) ?? 0) > 0) continue;
      out.push(
        draft(
          this,
          { type: "group", id: group.groupId, name: group.displayName },
          {
            groupId: group.groupId,
            details: { assignments: ctx.groupAssignments.get(group.groupId) ?? 0 },
          },
        ),
      );
    }
    return out;
  },
  message(f) {
    const n = num(f.details, "assignments");
    const tail = n === 0 ? "" : ` but still has ${plural(n, "assignment")}: whoever is added gets them`;
    return `Group ${f.subject.name ?? f.subject.id} has no members${tail}`;
  },
};
