// What the two inactivity rules share: the cutoff ("no sign-in or use since then") and whether the
// known activity reaches back far enough to say so. No activity, no verdict: never "inactive".
import { DAY_MS, type FindingsActivity } from "../../activity.js";

/** The cutoff for `activity`, or null when the activity does not cover the threshold. */
export function inactivityCutoff(activity: FindingsActivity | undefined): string | null {
  if (activity === undefined) return null;
  const cutoff = new Date(Date.parse(activity.asOf) - activity.thresholdDays * DAY_MS).toISOString();
  return activity.knownSince <= cutoff ? cutoff : null;
}

/** "2026-09-01" or "never in the last 90 days". */
export function lastSeenText(at: unknown, horizonDays = 90): string {
  return typeof at === "string" && at.length >= 10
    ? at.slice(0, 10)
    : `never in the last ${horizonDays} days`;
}
