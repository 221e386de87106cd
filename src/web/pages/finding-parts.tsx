// Pieces of the findings UI shared by the Findings page, the user page and the connection card:
// severity badges, the subject link, the "why" (details), counts.
import type { ReactElement } from "react";
import type { FindingCountsView, FindingItem } from "../api/types.js";
import { Badge, type Tone } from "../components/ui.js";
import { formatDateTime } from "../format.js";
import { entityHref } from "../components/entity-link.js";
import { href } from "../router.js";

export const RULE_LABELS: Record<FindingItem["rule"], string> = {
  "permission_set.admin_equivalent": "Admin-equivalent permission set",
  "access.admin": "Administrator access",
  "permission_set.iam_escalation": "Can change IAM",
  "user.disabled_with_access": "Disabled user with access",
  "assignment.orphaned": "Orphaned assignment",
  "account.inactive_with_access": "Access on an inactive account",
  "assignment.direct_user": "Direct user assignment",
  "user.no_access": "User without access",
  "group.empty": "Empty group",
  "permission_set.unused": "Unused permission set",
  "permission_set.long_session": "Long session",
  "user.inactive": "Inactive user with access",
  "access.unused": "Unused access",
};

const SEVERITY_TONE: Record<FindingItem["severity"], Tone> = {
  high: "danger",
  medium: "warning",
  low: "info",
};

export function SeverityBadge({ severity }: { severity: FindingItem["severity"] }): ReactElement {
  return <Badge tone={SEVERITY_TONE[severity]}>{severity.charAt(0).toUpperCase() + severity.slice(1)}</Badge>;
}

export function openTotal(c: FindingCountsView | null | undefined): number {
  return c == null ? 0 : c.open.high + c.open.medium + c.open.low;
}

/** "3 high · 1 medium · 12 low" linking to the Findings page of a connection (or all). */
export function FindingCountsLine(props: {
  counts: FindingCountsView | null;
  connectionId?: string;
}): ReactElement | null {
  const c = props.counts;
  if (c === null) return null;
  const link = (severity?: string) =>
    href("/findings", { connection: props.connectionId, ...(severity === undefined ? {} : { severity }) });
  if (openTotal(c) === 0)
    return (
      <span className="finding-counts">
        <a href={link()}>No open findings</a>
        {c.accepted > 0 && <> · {c.accepted} accepted</>}
      </span>
    );
  return (
    <span className="finding-counts" aria-label="Open findings">
      <a href={link()}>Findings:</a>{" "}
      {(["high", "medium", "low"] as const)
        .filter((s) => c.open[s] > 0)
        .map((s, i) => (
          <span key={s}>
            {i > 0 && " · "}
            <a href={link(s)} className={`severity-${s}`}>
              {c.open[s]} {s}
            </a>
          </span>
        ))}
      {c.accepted > 0 && <> · {c.accepted} accepted</>}
    </span>
  );
}

/** Where a finding's subject lives in the app: its own explore page. */
export function subjectHref(f: FindingItem): string | null {
  const c = f.connectionId;
  if (f.userId !== null && f.rule !== "assignment.orphaned") return entityHref.user(c, f.userId);
  if (f.subject.type === "group" && f.groupId !== null) return entityHref.group(c, f.groupId);
  if (f.subject.type === "permission_set" && f.permissionSetArn !== null)
    return entityHref.permissionSet(c, f.permissionSetArn);
  if (f.accountId !== null) return entityHref.account(c, f.accountId);
  if (f.permissionSetArn !== null) return entityHref.permissionSet(c, f.permissionSetArn);
  if (f.groupId !== null) return entityHref.group(c, f.groupId);
  return null;
}

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * The entities a finding is about, each linked to its explore page (issue 12): the user, the
 * account, the permission set, the group. A deleted user or an orphaned assignment's gone
 * principal is named without a link (there is no page to open).
 */
function About({ finding: f }: { finding: FindingItem }): ReactElement | null {
  const c = f.connectionId;
  const d = f.details;
  const links: { label: string; name: string; href: string | null }[] = [];
  const orphan = f.rule === "assignment.orphaned";
  if (f.userId !== null)
    links.push({
      label: "User",
      name: text(d.userName) ?? (f.subject.type === "user" ? f.subject.name : null) ?? f.userId,
      href: orphan ? null : entityHref.user(c, f.userId),
    });
  if (f.accountId !== null)
    links.push({
      label: "Account",
      name: text(d.accountName) ?? (f.subject.type === "account" ? f.subject.name : null) ?? f.accountId,
      href: entityHref.account(c, f.accountId),
    });
  if (f.permissionSetArn !== null)
    links.push({
      label: "Permission set",
      name:
        text(d.permissionSetName) ??
        (f.subject.type === "permission_set" ? f.subject.name : null) ??
        f.permissionSetArn,
      href: entityHref.permissionSet(c, f.permissionSetArn),
    });
  if (f.groupId !== null)
    links.push({
      label: "Group",
      name: text(d.groupName) ?? (f.subject.type === "group" ? f.subject.name : null) ?? f.groupId,
      href: orphan ? null : entityHref.group(c, f.groupId),
    });
  if (links.length === 0) return null;
  return (
    <div>
      <dt>About</dt>
      <dd>
        <ul className="plain-list finding-about" aria-label="What this finding is about">
          {links.map((l) => (
            <li key={l.label}>
              {l.label}: {l.href === null ? l.name : <a href={l.href}>{l.name}</a>}
            </li>
          ))}
        </ul>
      </dd>
    </div>
  );
}

function PolicyStatements({ sources }: { sources: unknown }): ReactElement | null {
  if (!Array.isArray(sources) || sources.length === 0) return null;
  return (
    <div>
      <dt>Granted by</dt>
      <dd>
        <ul className="plain-list">
          {(
            sources as {
              type: string;
              policyArn?: string;
              sid?: string | null;
              statementIndex?: number;
              statement?: unknown;
            }[]
          ).map((s, i) =>
            s.type === "MANAGED" ? (
              <li key={i}>
                AWS managed policy <code>{s.policyArn}</code>
              </li>
            ) : (
              <li key={i}>
                Inline statement {s.sid != null ? `"${s.sid}"` : `#${(s.statementIndex ?? 0) + 1}`}
                <pre className="code-block">{JSON.stringify(s.statement, null, 2)}</pre>
              </li>
            ),
          )}
        </ul>
      </dd>
    </div>
  );
}

function Via({ via, connectionId }: { via: unknown; connectionId: string }): ReactElement | null {
  if (!Array.isArray(via)) return null;
  return (
    <div>
      <dt>Through</dt>
      <dd>
        {(via as { type: string; groupId?: string; groupName?: string | null }[]).map((p, i) => (
          <span key={`${p.type}-${p.groupId ?? ""}`}>
            {i > 0 && ", "}
            {p.type === "DIRECT" || p.groupId === undefined ? (
              "a direct assignment"
            ) : (
              <>
                group <a href={entityHref.group(connectionId, p.groupId)}>{p.groupName ?? p.groupId}</a>
              </>
            )}
          </span>
        ))}
      </dd>
    </div>
  );
}

/** The "why": what the rule saw (paths, policy statements, counts) and the dates. */
export function FindingWhy({ finding: f }: { finding: FindingItem }): ReactElement {
  const d = f.details;
  const scalar = Object.entries(d).filter(
    ([k, v]) =>
      !["via", "sources", "accounts"].includes(k) &&
      !k.endsWith("Name") &&
      (typeof v !== "object" || v === null),
  );
  const lists = Object.entries(d).filter(
    ([k, v]) =>
      ["actions", "customerManagedPolicies", "accounts"].includes(k) && Array.isArray(v) && v.length > 0,
  );
  return (
    <dl className="facts facts-stacked finding-why">
      <About finding={f} />
      <Via via={d.via} connectionId={f.connectionId} />
      <PolicyStatements sources={d.sources} />
      {lists.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            {(v as unknown[])
              .map((x) =>
                typeof x === "string"
                  ? x
                  : typeof x === "object" && x !== null && "accountId" in x
                    ? `${String((x as { accountName?: string }).accountName ?? "")} (${String((x as { accountId: string }).accountId)})`
                    : typeof x === "object" && x !== null && "name" in x
                      ? `${String((x as { path?: string }).path ?? "")}${String((x as { name: string }).name)}`
                      : JSON.stringify(x),
              )
              .join(", ")}
          </dd>
        </div>
      ))}
      {scalar.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v === null ? "—" : String(v as string | number | boolean)}</dd>
        </div>
      ))}
      <div>
        <dt>First seen</dt>
        <dd>{formatDateTime(f.firstSeenAt)}</dd>
      </div>
      <div>
        <dt>Last seen</dt>
        <dd>{formatDateTime(f.lastSeenAt)}</dd>
      </div>
      {f.resolvedAt !== null && (
        <div>
          <dt>Resolved</dt>
          <dd>{formatDateTime(f.resolvedAt)}</dd>
        </div>
      )}
      {f.acceptance !== null && (
        <div>
          <dt>{f.status === "accepted" ? "Accepted" : "Was accepted"}</dt>
          <dd>
            by {f.acceptance.by} on {formatDateTime(f.acceptance.at)}: {f.acceptance.reason}
          </dd>
        </div>
      )}
    </dl>
  );
}
