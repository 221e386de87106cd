// A connection whose last sync drift protection held back (issue 17 defect 5): one state, not
// "Connected" beside a warning. It says how many users the sync would delete, of how many and
// what share, lists them, and commits only after a dialog that names the number.
import { useState, type ReactElement } from "react";
import type { Connection } from "../api/types.js";
import { ConfirmDialog } from "../components/dialog.js";
import { Icon } from "../components/icons.js";
import { formatCount } from "../format.js";

type HeldBack = NonNullable<Connection["heldBack"]>;

export function heldBackHeadline(h: HeldBack): string {
  return `Held back: ${formatCount(h.usersDeleted)} of ${formatCount(h.liveUsers)} users (${h.percent}%) would be deleted`;
}

const usersWord = (n: number) => `${formatCount(n)} user${n === 1 ? "" : "s"}`;

export function HeldBackView(props: {
  heldBack: HeldBack;
  busy: boolean;
  error: string | undefined;
  onConfirm: () => void;
}): ReactElement {
  const h = props.heldBack;
  const [confirming, setConfirming] = useState(false);
  const more = h.usersDeleted - h.users.length;
  return (
    <div className="held-back" role="status">
      <div className="status-line status-held">
        <Icon name="alert" size={16} />
        <strong>{heldBackHeadline(h)}</strong>
      </div>
      <p className="muted">
        The last sync found these users gone from AWS, more than drift protection allows at once, so nothing
        was changed. If they really were removed, confirm to mark them deleted.
      </p>
      <details className="disclosure">
        <summary>Users it would delete ({formatCount(h.usersDeleted)})</summary>
        <ul className="plain-list held-users" aria-label="Users the held sync would delete">
          {h.users.map((u) => (
            <li key={u.userId}>
              {u.userName}
              {u.displayName !== null && u.displayName !== u.userName && (
                <span className="muted"> · {u.displayName}</span>
              )}
            </li>
          ))}
          {more > 0 && <li className="muted">and {formatCount(more)} more</li>}
        </ul>
      </details>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        onClick={() => setConfirming(true)}
        disabled={props.busy}
      >
        Review and confirm…
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Delete ${usersWord(h.usersDeleted)} and sync?`}
        confirmLabel={`Delete ${usersWord(h.usersDeleted)}`}
        busy={props.busy}
        error={props.error}
        onConfirm={() => {
          setConfirming(false);
          props.onConfirm();
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The sync commits now and marks {usersWord(h.usersDeleted)} of {formatCount(h.liveUsers)} (
          {h.percent}%) as deleted in idc-sync, with their access. Nothing changes in AWS.
        </p>
      </ConfirmDialog>
    </div>
  );
}
