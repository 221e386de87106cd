// Findings: what the last syncs found that an admin should look at, most severe first, with
// severity counts, filters, each finding's "why" and a link to what it is about; accepting one
// (reason and who); and "Who is admin": every user with admin-equivalent access on one screen.
import { useState, type ReactElement } from "react";
import type { ApiError } from "../api/client.js";
import { acceptFinding, paths } from "../api/endpoints.js";
import type { FindingItem, FindingListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { useCursorList } from "../api/use-cursor-list.js";
import { ConnectionPicker, useConnections } from "../components/connection-picker.js";
import { Dialog } from "../components/dialog.js";
import { Field } from "../components/field.js";
import { Card, EmptyState, ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { href, navigate } from "../router.js";
import { FindingWhy, RULE_LABELS, SeverityBadge, subjectHref } from "./finding-parts.js";
import { WhoIsAdmin } from "./who-is-admin.js";

const SEVERITIES = ["high", "medium", "low"] as const;
const STATUSES = ["open", "accepted", "resolved", "all"] as const;
const ACCEPTED_BY_KEY = "idc-sync:accepted-by";

export function FindingsPage({ query }: { query: URLSearchParams }): ReactElement {
  const f = {
    view: query.get("view") === "admins" ? "admins" : "",
    connection: query.get("connection") ?? "",
    rule: query.get("rule") ?? "",
    severity: query.get("severity") ?? "",
    status: (STATUSES as readonly string[]).includes(query.get("status") ?? "")
      ? (query.get("status") ?? "")
      : "",
    user: query.get("user") ?? "",
    account: query.get("account") ?? "",
  };
  const go = (patch: Partial<typeof f>) => navigate("/findings", { ...f, ...patch });
  const connections = useConnections();
  const filters = {
    connectionId: f.connection,
    rule: f.rule,
    userId: f.user,
    accountId: f.account,
  };
  const listPath = paths.findings({ ...filters, severity: f.severity, status: f.status || "open" });
  const list = useCursorList<FindingItem>(f.view === "admins" ? null : listPath, 50);
  // Counts over the same filters except status and severity (one small request).
  const counts = useApi<FindingListResponse>(paths.findings({ ...filters, limit: 1 }));
  const [accepting, setAccepting] = useState<FindingItem | null>(null);
  const filtered = [f.connection, f.rule, f.severity, f.status, f.user, f.account].some((v) => v !== "");
  const c = counts.data?.counts;

  return (
    <>
      <PageHeader
        title="Findings"
        description="What the synced picture says you should look at: who can act as administrator, who should not have access, and what is wasted. Updated by every sync."
      />
      <nav className="tabs" aria-label="Findings views">
        <a href={href("/findings", { ...f, view: "" })} aria-current={f.view === "" ? "page" : undefined}>
          All findings
        </a>
        <a
          href={href("/findings", { connection: f.connection, view: "admins" })}
          aria-current={f.view === "admins" ? "page" : undefined}
        >
          Who is admin
        </a>
      </nav>
      {c !== undefined && (
        <ul className="finding-stats" aria-label="Finding counts">
          {SEVERITIES.map((s) => (
            <li key={s}>
              <button
                type="button"
                className={`finding-stat finding-stat-${s}${f.severity === s && f.status === "" ? " finding-stat-active" : ""}`}
                onClick={() => go({ view: "", severity: f.severity === s ? "" : s, status: "" })}
              >
                <span className="finding-stat-value">{c.open[s]}</span>
                <span className="finding-stat-label">{s} open</span>
              </button>
            </li>
          ))}
          <li>
            <button
              type="button"
              className="stat"
              onClick={() => go({ view: "", severity: "", status: "accepted" })}
            >
              <span className="finding-stat-value">{c.accepted}</span>
              <span className="finding-stat-label">accepted</span>
            </button>
          </li>
          <li>
            <button
              type="button"
              className="stat"
              onClick={() => go({ view: "", severity: "", status: "resolved" })}
            >
              <span className="finding-stat-value">{c.resolved}</span>
              <span className="finding-stat-label">resolved</span>
            </button>
          </li>
        </ul>
      )}
      {f.view === "admins" ? (
        <WhoIsAdmin
          connectionId={f.connection}
          connections={connections.data}
          onConnection={(connection) => go({ connection })}
        />
      ) : (
        <Card flush>
          <div className="toolbar toolbar-wrap">
            <div className="filter">
              <label htmlFor="rule-filter">Rule</label>
              <select id="rule-filter" value={f.rule} onChange={(e) => go({ rule: e.target.value })}>
                <option value="">All rules</option>
                {Object.entries(RULE_LABELS).map(([rule, label]) => (
                  <option key={rule} value={rule}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter">
              <label htmlFor="severity-filter">Severity</label>
              <select
                id="severity-filter"
                value={f.severity}
                onChange={(e) => go({ severity: e.target.value })}
              >
                <option value="">All severities</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter">
              <label htmlFor="status-filter">Status</label>
              <select
                id="status-filter"
                value={f.status || "open"}
                onChange={(e) => go({ status: e.target.value === "open" ? "" : e.target.value })}
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <ConnectionPicker
              connections={connections.data}
              value={f.connection}
              onChange={(connection) => go({ connection })}
              allowAll
            />
            {filtered && (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => navigate("/findings")}>
                Clear filters
              </button>
            )}
          </div>
          {list.error !== undefined && <ErrorMessage error={list.error} retry={list.reload} />}
          {list.loading && list.items.length === 0 && <Loading />}
          {!list.loading && list.error === undefined && list.items.length === 0 && (
            <EmptyState icon="shield" title="No findings">
              {filtered
                ? "Nothing matches these filters."
                : "Nothing to look at: findings appear here after a sync."}
            </EmptyState>
          )}
          {list.items.length > 0 && (
            <ol className="feed" aria-label="Findings">
              {list.items.map((item) => (
                <FindingRow
                  key={`${item.connectionId}/${item.id}`}
                  finding={item}
                  onAccept={() => setAccepting(item)}
                />
              ))}
            </ol>
          )}
          {list.hasMore && (
            <div className="load-more">
              <button
                type="button"
                className="btn btn-secondary"
                onClick={list.loadMore}
                disabled={list.loading}
              >
                {list.loading ? "Loading…" : "Load more"}
              </button>
            </div>
          )}
        </Card>
      )}
      {accepting !== null && (
        <AcceptDialog
          finding={accepting}
          onClose={() => setAccepting(null)}
          onAccepted={() => {
            setAccepting(null);
            list.reload();
            counts.reload();
          }}
        />
      )}
    </>
  );
}

export function FindingRow(props: { finding: FindingItem; onAccept?: () => void }): ReactElement {
  const item = props.finding;
  const link = subjectHref(item);
  return (
    <li className="feed-item finding">
      <SeverityBadge severity={item.severity} />
      <div className="feed-main">
        <p className="feed-summary">{item.message}</p>
        <p className="feed-meta">
          {RULE_LABELS[item.rule]} · <code>{item.rule}</code>
          {item.status !== "open" && <> · {item.status}</>}
          {link !== null && (
            <>
              {" · "}
              <a href={link}>View {item.subject.type.replace("_", " ")}</a>
            </>
          )}
        </p>
        <details className="finding-details">
          <summary>Why</summary>
          <FindingWhy finding={item} />
        </details>
      </div>
      {item.status === "open" && props.onAccept !== undefined && (
        <button type="button" className="btn btn-secondary btn-small" onClick={props.onAccept}>
          Accept…
        </button>
      )}
    </li>
  );
}

function AcceptDialog(props: {
  finding: FindingItem;
  onClose: () => void;
  onAccepted: () => void;
}): ReactElement {
  const [reason, setReason] = useState("");
  const [by, setBy] = useState(() => window.localStorage.getItem(ACCEPTED_BY_KEY) ?? "");
  const [error, setError] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = () => {
    setBusy(true);
    acceptFinding(props.finding.connectionId, props.finding.id, { reason, acceptedBy: by }).then(
      () => {
        window.localStorage.setItem(ACCEPTED_BY_KEY, by.trim());
        props.onAccepted();
      },
      (e: ApiError) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  const field = (name: string) => (error !== undefined && error.field === name ? error.message : undefined);
  return (
    <Dialog
      open
      title="Accept this finding"
      description="It stays visible and no longer counts as open. If its facts change, it opens again."
      onClose={props.onClose}
      footer={
        <>
          <button type="button" className="btn btn-ghost" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={submit}
            disabled={busy || reason.trim() === "" || by.trim() === ""}
          >
            {busy ? "Accepting…" : "Accept"}
          </button>
        </>
      }
    >
      <p>{props.finding.message}</p>
      <Field
        label="Reason"
        error={field("reason")}
        hint="Why this is acceptable, e.g. a break-glass account reviewed quarterly."
      >
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <Field
        label="Accepted by"
        error={field("acceptedBy")}
        hint="Your name or email, recorded with the decision."
      >
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            value={by}
            maxLength={200}
            onChange={(e) => setBy(e.target.value)}
          />
        )}
      </Field>
      {error !== undefined && error.field === undefined && <ErrorMessage error={error} />}
    </Dialog>
  );
}
