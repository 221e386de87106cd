// How a connection's (or the integration's) state reads: badge, green check, progress, problem.
import type { ReactElement } from "react";
import type { Connection, Problem, SyncProgress } from "../api/types.js";
import { progressText } from "../format.js";
import { Badge, ProgressBar, SyncedCheck, Time, type Tone } from "./ui.js";
import { Icon } from "./icons.js";

export type DisplayState = Connection["state"] | "not_connected";

const LABELS: Record<DisplayState, { label: string; tone: Tone }> = {
  not_connected: { label: "Not connected", tone: "neutral" },
  pending: { label: "Waiting to sync", tone: "info" },
  syncing: { label: "Syncing", tone: "info" },
  connected: { label: "Connected", tone: "success" },
  error: { label: "Error", tone: "danger" },
};

export function StateBadge({ state }: { state: DisplayState }): ReactElement {
  const { label, tone } = LABELS[state];
  return <Badge tone={tone}>{label}</Badge>;
}

/** The one-line status: check + last sync, progress while syncing, or the problem. */
export function StatusLine(props: {
  state: DisplayState;
  lastSyncedAt: string | null;
  /** What the running sync has read so far, when the server knows. */
  progress?: SyncProgress | null | undefined;
  label?: string;
}): ReactElement {
  switch (props.state) {
    case "connected":
      return (
        <div className="status-line status-connected">
          <SyncedCheck />
          <span>
            Synced <Time iso={props.lastSyncedAt} />
          </span>
        </div>
      );
    case "syncing":
    case "pending":
      return (
        <div className="status-line status-syncing">
          <span>
            {props.state === "pending"
              ? "Waiting to sync…"
              : props.progress != null
                ? progressText(props.progress)
                : "Syncing…"}
          </span>
          <ProgressBar value={null} label={props.label ?? "Sync progress"} />
        </div>
      );
    case "error":
      return (
        <div className="status-line status-error">
          <Icon name="alert" size={16} />
          <span>Sync failed</span>
        </div>
      );
    case "not_connected":
      return <div className="status-line muted">Not connected</div>;
  }
}

/**
 * A sync error: a short headline, AWS's own words behind "Details", and the IAM action to add to
 * the role's policy when a denial caused it.
 */
export function ProblemView({ problem }: { problem: Problem }): ReactElement {
  const details = problem.details ?? null;
  return (
    <div className="problem" role="alert">
      <p className="problem-message">{problem.headline ?? problem.message}</p>
      {details !== null && (
        <details className="problem-details">
          <summary>Details</summary>
          <p className="mono">{details}</p>
        </details>
      )}
      {problem.action !== null && (
        <p className="problem-action">
          Missing permission: <code>{problem.action}</code>. Add it to the role's policy, then sync again.
        </p>
      )}
    </div>
  );
}
