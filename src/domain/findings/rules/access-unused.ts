// access.unused (low; medium on an admin-equivalent permission set): an ENABLED user's access row
// not opened (no Federate into that account with that permission set) for the threshold, 90 days
// by default, and not granted within it. "Granted within it": idc-sync saw the row appear in a sync
// after the connection's first; rows there at the first sync count as older (AWS records no grant
// time). Needs sign-in activity (CloudTrail, optional): without it, silent.
import type { FindingsContext } from "../context.js";
import { accessKey } from "../../activity.js";
import { compositeId } from "../finding-id.js";
import { accountLabel, draft, permissionSetLabel, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";
import { inactivityCutoff, lastSeenText } from "./inactivity.js";

export const accessUnused: FindingRule = {
  id: "access.unused",
  severity: "low",
  title: "Access nobody used for 90 days",
  // A generator: at L there can be one per access row (a million), taken one at a time.
  *evaluate(ctx: FindingsContext): Generator<FindingDraft> {
    const activity = ctx.activity;
    const cutoff = inactivityCutoff(activity);
    if (activity === undefined || cutoff === null) return;
    for (const row of ctx.snapshot.access) {
      const user = ctx.users.get(row.userId);
      if (user?.status !== "ENABLED") continue;
      const key = accessKey(row.userId, row.accountId, row.permissionSetArn);
      if (activity.recentGrants.has(key)) continue;
      const last = activity.lastUsedAt.get(key);
      if (last !== undefined && last >= cutoff) continue;
      const admin = ctx.analysis.get(row.permissionSetArn)?.admin != null;
      const accountName = accountLabel(ctx, row.accountId);
      const permissionSetName = permissionSetLabel(ctx, row.permissionSetArn);
      yield draft(
        this,
        {
          type: "access",
          id: compositeId(row.userId, row.accountId, row.permissionSetArn),
          name: `${user.userName} / ${accountName} / ${permissionSetName}`,
        },
        {
          severity: admin ? "medium" : "low",
          userId: row.userId,
          accountId: row.accountId,
          permissionSetArn: row.permissionSetArn,
          details: {
            userName: user.userName,
            accountName,
            permissionSetName,
            adminEquivalent: admin,
            lastUsedAt: last ?? null,
            thresholdDays: activity.thresholdDays,
          },
        },
      );
    }
  },
  message(f) {
    const d = f.details;
    const admin = d.adminEquivalent === true ? " (admin-equivalent)" : "";
    return `${str(d, "userName", f.userId ?? "")} has not used ${str(d, "permissionSetName", f.permissionSetArn ?? "")}${admin} in ${str(d, "accountName", f.accountId ?? "")} for ${typeof d.thresholdDays === "number" ? d.thresholdDays : 90} days (last use: ${lastSeenText(d.lastUsedAt)})`;
  },
};
