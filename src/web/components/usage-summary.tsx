// Sign-in activity on the Users page: each connection's usage summary (active in the last 30 and
// 90 days, never seen, seats held by people inactive 90 days), and how a user's last sign-in reads:
// a time, "Never in the last 90 days" when activity is known, "Not read" when it is not (no data is
// not inactivity).
import { useEffect, useState, type ReactElement } from "react";
import { api } from "../api/client.js";
import { paths } from "../api/endpoints.js";
import type { UsageResponse } from "../api/types.js";
import { formatCount } from "../format.js";
import { Time } from "./ui.js";

/** Each connection's usage, fetched once per set of connection ids. */
export function useUsage(connectionIds: readonly string[]): Map<string, UsageResponse> {
  const [usage, setUsage] = useState(new Map<string, UsageResponse>());
  const key = [...connectionIds].sort().join(",");
  useEffect(() => {
    if (key === "") return;
    const controller = new AbortController();
    Promise.all(
      key.split(",").map((id) =>
        api<UsageResponse>(paths.usage(id), { signal: controller.signal }).then(
          (u) => [id, u] as const,
          () => null,
        ),
      ),
    ).then(
      (rows) => setUsage(new Map(rows.filter((r) => r !== null))),
      () => undefined,
    );
    return () => controller.abort();
  }, [key]);
  return usage;
}

export function LastSignIn(props: { iso: string | null; usage: UsageResponse | undefined }): ReactElement {
  if (props.iso !== null) return <Time iso={props.iso} />;
  const u = props.usage;
  const read = u?.state === "available" || (u?.state === "failed" && u.readAt !== null);
  if (read && u.backfilled) return <span className="muted">Never in the last {u.horizonDays} days</span>;
  if (read && u.knownSince !== null)
    return (
      <span className="muted" title="The sign-in history is still being read back">
        None since <Time iso={u.knownSince} />
      </span>
    );
  return (
    <span className="muted" title="Sign-in activity is not read: grant cloudtrail:LookupEvents (optional)">
      Not read
    </span>
  );
}

export function UsageSummary(props: { name: string; usage: UsageResponse }): ReactElement {
  const u = props.usage;
  const reading = u.state === "available" && !u.backfilled && u.knownSince !== null;
  if (u.activeLast90Days === null && !reading) {
    return (
      <p className="muted usage-note">
        {props.name}: sign-in activity is not available
        {u.state === "denied" ? " (cloudtrail:LookupEvents is not granted; it is optional)" : ""}. Last
        sign-ins and inactivity findings need it: see the optional policy in <code>idc-sync policy</code>.
      </p>
    );
  }
  const items: [string, number | null][] = [
    ["Active in the last 30 days", u.activeLast30Days],
    ["Active in the last 90 days", u.activeLast90Days],
    ["Never seen in 90 days", u.neverSeen],
    ["Inactive 90 days, with access", u.inactiveUsersWithAccess],
    ["Seats held by them", u.seatsHeldByInactive],
  ];
  const days =
    u.knownSince === null || u.readAt === null
      ? 0
      : Math.max(0, Math.floor((Date.parse(u.readAt) - Date.parse(u.knownSince)) / 86_400_000));
  return (
    <>
      {reading && u.knownSince !== null ? (
        <p className="muted usage-note" role="status">
          {props.name}: reading the sign-in history, {days} of {u.horizonDays} days so far (back to{" "}
          <Time iso={u.knownSince} />
          ). CloudTrail answers 2 requests a second, so a large organization&apos;s first read takes hours;
          counts and inactivity findings that need more days appear once it is read.
        </p>
      ) : null}
      <UsageCards name={props.name} items={items} />
    </>
  );
}

function UsageCards(props: { name: string; items: [string, number | null][] }): ReactElement {
  return (
    <div className="summary-grid" aria-label={`Usage of ${props.name}`}>
      {props.items.map(([label, n]) => (
        <div key={label} className="summary-card">
          <span className="summary-label">{label}</span>
          <span className="summary-value">{formatCount(n ?? undefined)}</span>
        </div>
      ))}
    </div>
  );
}

/** An access row's last use: a time, or a dash (none in CloudTrail's 90 days, or not read). */
export function LastUsed({ iso }: { iso: string | null }): ReactElement {
  if (iso !== null) return <Time iso={iso} />;
  return (
    <span className="muted" title="Not opened in CloudTrail's last 90 days, or sign-in activity is not read">
      —
    </span>
  );
}
