// Small building blocks shared by the pages: page header, cards, badges, alerts, empty states.
import type { ReactElement, ReactNode } from "react";
import { Icon, type IconName } from "./icons.js";
import { formatDateTime, formatRelative } from "../format.js";

export function PageHeader(props: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
  icon?: ReactNode;
}): ReactElement {
  return (
    <header className="page-header">
      {props.back !== undefined && (
        <a className="back-link" href={props.back.href}>
          <Icon name="arrowLeft" size={16} /> {props.back.label}
        </a>
      )}
      <div className="page-header-row">
        {props.icon}
        <div className="page-header-text">
          <h1>{props.title}</h1>
          {props.description !== undefined && <p className="page-description">{props.description}</p>}
        </div>
        {props.actions !== undefined && <div className="page-actions">{props.actions}</div>}
      </div>
    </header>
  );
}

export function Card(props: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  flush?: boolean;
  labelledBy?: string;
}): ReactElement {
  const cls = ["card", props.flush === true ? "card-flush" : "", props.className ?? ""]
    .filter(Boolean)
    .join(" ");
  return (
    <section className={cls} aria-labelledby={props.labelledBy}>
      {(props.title !== undefined || props.actions !== undefined) && (
        <div className="card-header">
          {props.title !== undefined && <h2 id={props.labelledBy}>{props.title}</h2>}
          {props.actions !== undefined && <div className="card-actions">{props.actions}</div>}
        </div>
      )}
      {props.children}
    </section>
  );
}

export type Tone = "neutral" | "success" | "warning" | "danger" | "info" | "brand";

export function Badge({ tone = "neutral", children }: { tone?: Tone; children: ReactNode }): ReactElement {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Alert(props: {
  tone: "danger" | "warning" | "info" | "success";
  title?: ReactNode;
  children?: ReactNode;
}): ReactElement {
  const icon: IconName = props.tone === "info" ? "info" : props.tone === "success" ? "check" : "alert";
  return (
    <div className={`alert alert-${props.tone}`} role={props.tone === "danger" ? "alert" : "status"}>
      <Icon name={icon} />
      <div>
        {props.title !== undefined && <strong className="alert-title">{props.title}</strong>}
        {props.children !== undefined && <div className="alert-body">{props.children}</div>}
      </div>
    </div>
  );
}

export function Spinner({ label = "Loading" }: { label?: string }): ReactElement {
  return <span className="spinner" role="status" aria-label={label} />;
}

export function Loading({ label = "Loading…" }: { label?: string }): ReactElement {
  return (
    <div className="loading">
      <Spinner label={label} /> <span aria-hidden="true">{label}</span>
    </div>
  );
}

export function EmptyState(props: {
  icon?: IconName;
  title: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
}): ReactElement {
  return (
    <div className="empty-state">
      {props.icon !== undefined && (
        <div className="empty-icon">
          <Icon name={props.icon} size={24} />
        </div>
      )}
      <h3>{props.title}</h3>
      {props.children !== undefined && <p>{props.children}</p>}
      {props.action}
    </div>
  );
}

/** The green check: an image named "Synced" so tests and screen readers find it. */
export function SyncedCheck(): ReactElement {
  return (
    <span className="synced-check" role="img" aria-label="Synced">
      ✓
    </span>
  );
}

export function Time({ iso }: { iso: string | null | undefined }): ReactElement {
  if (iso === null || iso === undefined) return <span className="muted">never</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

export function ProgressBar({ value, label }: { value: number | null; label: string }): ReactElement {
  const indeterminate = value === null;
  return (
    <div
      className={`progress${indeterminate ? " progress-indeterminate" : ""}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      {...(indeterminate ? {} : { "aria-valuenow": Math.round(value) })}
    >
      <div
        className="progress-bar"
        style={indeterminate ? undefined : { width: `${Math.max(2, Math.min(100, value))}%` }}
      />
    </div>
  );
}

export function ErrorMessage({ error, retry }: { error: Error; retry?: () => void }): ReactElement {
  return (
    <Alert tone="danger" title="Something went wrong">
      {error.message}
      {retry !== undefined && (
        <>
          {" "}
          <button type="button" className="link-button" onClick={retry}>
            Try again
          </button>
        </>
      )}
    </Alert>
  );
}

/** One line, cut with an ellipsis; the whole value in the tooltip. Directory values can be long. */
export function Truncate({ text, lines = 1 }: { text: string; lines?: 1 | 2 }): ReactElement {
  return (
    <span className={lines === 1 ? "truncate" : "clamp-2"} title={text}>
      {text}
    </span>
  );
}
