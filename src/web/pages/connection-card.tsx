// One connection on the integration page: state, last and next sync, counts, warnings, actions
// (Sync now, Test connection, Edit, Disconnect) and its sync history.
import { useState, type ReactElement } from "react";
import { ApiError } from "../api/client.js";
import { cancelSync, checkConnection, deleteConnection, syncNow } from "../api/endpoints.js";
import type { CheckResult, Connection } from "../api/types.js";
import { ProblemView, StateBadge, StatusLine } from "../components/connection-status.js";
import { ConfirmDialog } from "../components/dialog.js";
import { Icon } from "../components/icons.js";
import { Alert, Badge, Time } from "../components/ui.js";
import { formatCount } from "../format.js";
import { href } from "../router.js";
import { CheckResultView } from "./check-result.js";
import { FindingCountsLine } from "./finding-parts.js";
import { HeldBackView } from "./held-back.js";
import { SyncHistory } from "./sync-history.js";

function Counts({ c }: { c: Connection }): ReactElement {
  const items: [string, number | undefined, string][] = [
    ["Users", c.counts?.users, href("/users", { connection: c.id })],
    ["Groups", c.counts?.groups, ""],
    ["Accounts", c.counts?.accounts, href("/access", { connection: c.id })],
    ["Permission sets", c.counts?.permissionSets, ""],
  ];
  return (
    <>
      <dl className="stat-grid">
        {items.map(([label, n, link]) => (
          <div key={label} className="stat">
            <dt>{label}</dt>
            <dd>{link !== "" && n !== undefined ? <a href={link}>{formatCount(n)}</a> : formatCount(n)}</dd>
          </div>
        ))}
      </dl>
      {c.findings !== null && (
        <p className="connection-findings">
          <FindingCountsLine counts={c.findings} connectionId={c.id} />
        </p>
      )}
    </>
  );
}

export function ConnectionCard(props: {
  connection: Connection;
  onChanged: () => void;
  onEdit: (c: Connection) => void;
}): ReactElement {
  const c = props.connection;
  const [action, setAction] = useState<"sync" | "check" | "delete" | "cancel" | undefined>();
  const [message, setMessage] = useState<{ tone: "danger" | "info"; text: string } | undefined>();
  const [check, setCheck] = useState<CheckResult | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [deleteError, setDeleteError] = useState<string | undefined>();
  const [historyKey, setHistoryKey] = useState(0);
  const running = c.state === "syncing" || c.state === "pending";
  const titleId = `conn-${c.id}`;

  const doSync = (force = false) => {
    setAction("sync");
    setMessage(undefined);
    syncNow(c.id, force).then(
      () => {
        setAction(undefined);
        setHistoryKey((k) => k + 1);
        props.onChanged();
      },
      (err: unknown) => {
        setAction(undefined);
        const already = err instanceof ApiError && err.status === 409;
        setMessage({
          tone: already ? "info" : "danger",
          text: already ? "A sync is already running." : (err as Error).message,
        });
        props.onChanged();
      },
    );
  };

  const doCancel = () => {
    setAction("cancel");
    setMessage(undefined);
    cancelSync(c.id).then(
      (r) => {
        setAction(undefined);
        setMessage({
          tone: "info",
          text: r.cancelled
            ? "Cancelling: the sync stops within seconds; nothing it read is kept."
            : "No sync is running.",
        });
        props.onChanged();
      },
      (err: unknown) => {
        setAction(undefined);
        setMessage({ tone: "danger", text: (err as Error).message });
      },
    );
  };

  const doCheck = () => {
    setAction("check");
    setCheck(undefined);
    setMessage(undefined);
    checkConnection(c.id).then(
      (r) => {
        setAction(undefined);
        setCheck(r);
      },
      (err: unknown) => {
        setAction(undefined);
        setMessage({ tone: "danger", text: (err as Error).message });
      },
    );
  };

  const doDelete = () => {
    setAction("delete");
    setDeleteError(undefined);
    deleteConnection(c.id).then(
      () => {
        setAction(undefined);
        setConfirming(false);
        props.onChanged();
      },
      (err: unknown) => {
        setAction(undefined);
        setDeleteError((err as Error).message);
      },
    );
  };

  return (
    <article className="card connection-card" aria-labelledby={titleId}>
      <div className="connection-head">
        <div className="connection-title">
          <h3 id={titleId}>{c.name}</h3>
          {c.heldBack !== null && !running ? (
            <Badge tone="warning">Held back</Badge>
          ) : (
            <StateBadge state={c.state} />
          )}
          {c.demo && <Badge tone="brand">Demo</Badge>}
        </div>
        <div className="connection-actions">
          <button
            type="button"
            className="btn btn-primary btn-small"
            onClick={() => doSync()}
            disabled={running || action !== undefined}
          >
            <Icon name="refresh" size={14} /> Sync now
          </button>
          {c.state === "syncing" && (
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={doCancel}
              disabled={action !== undefined}
            >
              {action === "cancel" ? "Cancelling…" : "Cancel sync"}
            </button>
          )}
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={doCheck}
            disabled={action !== undefined}
          >
            <Icon name="activity" size={14} /> {action === "check" ? "Testing…" : "Test connection"}
          </button>
          <button type="button" className="btn btn-secondary btn-small" onClick={() => props.onEdit(c)}>
            <Icon name="pencil" size={14} /> Edit
          </button>
          <button
            type="button"
            className="btn btn-danger-ghost btn-small"
            onClick={() => setConfirming(true)}
          >
            <Icon name="trash" size={14} /> Disconnect
          </button>
        </div>
      </div>

      <div className="connection-body">
        <div className="connection-status">
          {c.heldBack !== null && !running ? (
            <HeldBackView
              heldBack={c.heldBack}
              busy={action !== undefined}
              error={undefined}
              onConfirm={() => doSync(true)}
            />
          ) : (
            <StatusLine
              state={c.state}
              lastSyncedAt={c.lastSyncedAt}
              progress={c.progress}
              label={`${c.name} sync progress`}
            />
          )}
          {c.state === "error" && c.lastError !== null && <ProblemView problem={c.lastError} />}
          {message !== undefined && <Alert tone={message.tone}>{message.text}</Alert>}
          {check !== undefined && <CheckResultView result={check} />}
          {c.lastWarnings.length > 0 && (
            <Alert tone="warning" title="Synced with warnings">
              <ul className="plain-list">
                {c.lastWarnings.map((w) => (
                  <li key={`${w.code}-${w.action ?? ""}`}>
                    {/* The headline; AWS's full text (denials name our session) only on demand. */}
                    {w.headline ?? w.message}
                    {w.action !== null && (
                      <>
                        {" "}
                        (missing <code>{w.action}</code>)
                      </>
                    )}
                    {w.details != null && (
                      <details className="problem-details">
                        <summary>Details</summary>
                        <p className="mono">{w.details}</p>
                      </details>
                    )}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
        </div>
        <Counts c={c} />
        <dl className="facts">
          <div>
            <dt>Last sync</dt>
            <dd>
              <Time iso={c.lastSyncedAt} />
            </dd>
          </div>
          <div>
            <dt>Next sync</dt>
            <dd>{c.nextSyncAt === null ? "—" : <Time iso={c.nextSyncAt} />}</dd>
          </div>
          <div>
            <dt>Region</dt>
            <dd>{c.region}</dd>
          </div>
          <div>
            <dt>Identity Store ID</dt>
            <dd>
              <code>{c.identityStoreId}</code>
            </dd>
          </div>
          <div className="fact-wide">
            <dt>Instance ARN</dt>
            <dd>
              <code className="break">{c.instanceArn}</code>
            </dd>
          </div>
          <div className="fact-wide">
            <dt>Role ARN</dt>
            <dd>
              <code className="break">{c.roleArn}</code>
            </dd>
          </div>
          {c.endpointUrl !== null && (
            <div className="fact-wide">
              <dt>Endpoint</dt>
              <dd>
                <code className="break">{c.endpointUrl}</code>
              </dd>
            </div>
          )}
        </dl>
      </div>

      <details className="disclosure history-disclosure">
        <summary>Sync history</summary>
        <SyncHistory
          key={historyKey}
          connectionId={c.id}
          live={running}
          version={`${c.lastRunId ?? ""}:${c.lastRunState ?? ""}:${c.state}`}
        />
      </details>

      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${c.name}?`}
        confirmLabel="Disconnect"
        busy={action === "delete"}
        error={deleteError}
        onConfirm={doDelete}
        onCancel={() => setConfirming(false)}
      >
        <p>
          idc-sync stops syncing this Identity Center instance and deletes its users, groups, access and
          change history. Nothing changes in AWS. You can connect it again later.
        </p>
      </ConfirmDialog>
    </article>
  );
}
