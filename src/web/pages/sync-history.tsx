// A connection's recent sync runs, newest first.
import { useEffect, useRef, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { SyncRun, SyncRunListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { Badge, ErrorMessage, Loading, Time, type Tone } from "../components/ui.js";
import { formatCount, formatDuration } from "../format.js";

const RUN_STATE: Record<SyncRun["state"], { label: string; tone: Tone }> = {
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  needs_confirmation: { label: "Held: needs confirmation", tone: "warning" },
};

const apiCalls = (r: SyncRun): number => Object.values(r.callsByAction).reduce((a, b) => a + b, 0);

function duration(r: SyncRun): string {
  return r.finishedAt === null
    ? "—"
    : formatDuration(new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime());
}

/** A running run's calls are counted when it ends: show none yet, not a misleading 0. */
export function apiCallsText(r: SyncRun): string {
  return r.state === "running" ? "—" : formatCount(apiCalls(r));
}

export function SyncHistory(props: {
  connectionId: string;
  live: boolean;
  /**
   * Changes when the connection's latest run does (its id and state): the history refetches at
   * once, so it never shows "Running" under a header that already says "Synced".
   */
  version: string;
}): ReactElement {
  const { connectionId, live, version } = props;
  const runs = useApi<SyncRunListResponse>(paths.runs(connectionId), {
    pollWhile: (d) => live || d.items.some((r) => r.state === "running"),
    pollMs: 2000,
  });
  const reload = runs.reload;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    reload();
  }, [version, reload]);
  if (runs.error !== undefined) return <ErrorMessage error={runs.error} retry={runs.reload} />;
  if (runs.data === undefined) return <Loading />;
  if (runs.data.items.length === 0) return <p className="muted pad">No syncs yet.</p>;
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Result</th>
            <th scope="col" className="num">
              Users
            </th>
            <th scope="col" className="num">
              Changes
            </th>
            <th scope="col" className="num">
              API calls
            </th>
            <th scope="col" className="num">
              Duration
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.data.items.map((r) => (
            <tr key={r.id}>
              <td>
                <Time iso={r.startedAt} />
              </td>
              <td>
                <Badge tone={RUN_STATE[r.state].tone}>{RUN_STATE[r.state].label}</Badge>
                {r.forced && <span className="cell-note">Confirmed past drift protection</span>}
                {r.error !== null && (
                  <div className="cell-note">
                    {r.error.headline ?? r.error.message}
                    {r.error.action !== null && (
                      <>
                        {" "}
                        (missing <code>{r.error.action}</code>)
                      </>
                    )}
                  </div>
                )}
              </td>
              <td className="num">{formatCount(r.counts?.users)}</td>
              <td className="num">{formatCount(r.counts?.changes)}</td>
              <td
                className="num"
                title={r.throttles > 0 ? `${r.retries} retries, ${r.throttles} throttled` : undefined}
              >
                {apiCallsText(r)}
              </td>
              <td className="num">{duration(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
