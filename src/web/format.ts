// Display helpers: times (relative with an absolute title), counts, durations.

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const dtf = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });
const nf = new Intl.NumberFormat("en");

export function formatDateTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dtf.format(d);
}

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (iso === null || iso === undefined) return "never";
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.round((t - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return "just now";
  if (abs < 3600) return rtf.format(Math.round(s / 60), "minute");
  if (abs < 86400) return rtf.format(Math.round(s / 3600), "hour");
  if (abs < 86400 * 30) return rtf.format(Math.round(s / 86400), "day");
  return dtf.format(new Date(t));
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : nf.format(n);
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s % 60)} s`;
}

export { arnTail } from "../domain/describe-change.js";

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const PHASES: Record<string, string> = {
  users: "Reading users",
  groups: "Reading groups",
  memberships: "Reading group memberships",
  permissionSets: "Reading permission sets",
  accounts: "Reading accounts",
  assignments: "Reading assignments",
  activity: "Reading sign-in activity (CloudTrail events)",
};

/** A running sync's progress: "Reading users… 1,200". */
export function progressText(progress: { phase: string; done: number }): string {
  return `${PHASES[progress.phase] ?? `Reading ${progress.phase}`}… ${formatCount(progress.done)}`;
}
