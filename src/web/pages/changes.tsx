// The change feed: newest first, filtered by kind, user, account, connection and time.
import { EntityPicker, type EntityKind } from "../components/entity-picker.js";
import type { ReactElement } from "react";
import { CHANGE_KINDS } from "../../domain/change.js";
import { paths } from "../api/endpoints.js";
import type { Change } from "../api/types.js";
import { useCursorList } from "../api/use-cursor-list.js";
import { ConnectionPicker, useConnections } from "../components/connection-picker.js";
import {
  Badge,
  Card,
  EmptyState,
  ErrorMessage,
  Loading,
  PageHeader,
  Truncate,
  type Tone,
} from "../components/ui.js";
import { formatDateTime } from "../format.js";
import { href, navigate } from "../router.js";
import { describeChange } from "../../domain/describe-change.js";

function kindTone(kind: string): Tone {
  if (/(added|granted|enabled|restored)$/.test(kind)) return "success";
  if (/(deleted|removed|revoked)$/.test(kind)) return "danger";
  if (kind.endsWith("disabled")) return "warning";
  return "info";
}

/** "permissionSet.updated" -> "Permission set updated". */
const kindLabel = (kind: string): string => {
  const words = kind
    .replace(".", " ")
    .replace(/([A-Z])/g, " $1")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** "2026-11-30T12:00" (local, from <input type=datetime-local>) <-> ISO UTC. */
function localToIso(v: string): string {
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? "" : d.toISOString();
}
function isoToLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The filters chosen by name: kind, label, and the query keys of the id and of the name shown. */
const PICKERS = [
  ["user", "Person", "user", "userName"],
  ["group", "Group", "group", "groupName"],
  ["account", "Account", "account", "accountName"],
  ["permissionSet", "Permission set", "permissionSet", "permissionSetName"],
] as const satisfies readonly (readonly [EntityKind, string, string, string])[];

export function ChangesPage({ query }: { query: URLSearchParams }): ReactElement {
  const f = {
    connection: query.get("connection") ?? "",
    kind: query.get("kind") ?? "",
    user: query.get("user") ?? "",
    userName: query.get("userName") ?? "",
    account: query.get("account") ?? "",
    accountName: query.get("accountName") ?? "",
    group: query.get("group") ?? "",
    groupName: query.get("groupName") ?? "",
    permissionSet: query.get("permissionSet") ?? "",
    permissionSetName: query.get("permissionSetName") ?? "",
    since: query.get("since") ?? "",
    until: query.get("until") ?? "",
  };
  const connections = useConnections();
  const list = useCursorList<Change>(
    paths.changes({
      connectionId: f.connection,
      kind: f.kind,
      userId: f.user,
      accountId: f.account,
      groupId: f.group,
      permissionSetArn: f.permissionSet,
      since: f.since,
      until: f.until,
    }),
    50,
  );
  const go = (patch: Partial<typeof f>) => navigate("/changes", { ...f, ...patch });
  const filtered = Object.values(f).some((v) => v !== "");
  const multi = (connections.data?.items.length ?? 0) > 1;
  const connName = (id: string) => connections.data?.items.find((c) => c.id === id)?.name ?? id;

  return (
    <>
      <PageHeader
        title="Changes"
        description="Everything each sync found different: users added, disabled or removed, memberships, and access granted or revoked."
      />
      <Card flush>
        <div className="toolbar toolbar-wrap">
          <div className="filter">
            <label htmlFor="kind-filter">Kind</label>
            <select id="kind-filter" value={f.kind} onChange={(e) => go({ kind: e.target.value })}>
              <option value="">All kinds</option>
              {CHANGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {kindLabel(k)}
                </option>
              ))}
            </select>
          </div>
          {PICKERS.map(([kind, label, idKey, nameKey]) => (
            <EntityPicker
              key={kind}
              kind={kind}
              label={label}
              value={f[idKey]}
              valueLabel={f[nameKey]}
              connectionIds={
                f.connection !== "" ? [f.connection] : (connections.data?.items.map((c) => c.id) ?? [])
              }
              onChange={(choice) => go({ [idKey]: choice?.id ?? "", [nameKey]: choice?.label ?? "" })}
            />
          ))}
          <div className="filter">
            <label htmlFor="since-filter">From</label>
            <input
              id="since-filter"
              type="datetime-local"
              value={f.since === "" ? "" : isoToLocal(f.since)}
              onChange={(e) => go({ since: e.target.value === "" ? "" : localToIso(e.target.value) })}
            />
          </div>
          <div className="filter">
            <label htmlFor="until-filter">Until</label>
            <input
              id="until-filter"
              type="datetime-local"
              value={f.until === "" ? "" : isoToLocal(f.until)}
              onChange={(e) => go({ until: e.target.value === "" ? "" : localToIso(e.target.value) })}
            />
          </div>
          <ConnectionPicker
            connections={connections.data}
            value={f.connection}
            onChange={(connection) => go({ connection })}
            allowAll
          />
          {filtered && (
            <button type="button" className="btn btn-ghost btn-small" onClick={() => navigate("/changes")}>
              Clear filters
            </button>
          )}
        </div>
        {list.error !== undefined && <ErrorMessage error={list.error} retry={list.reload} />}
        {list.loading && list.items.length === 0 && <Loading />}
        {!list.loading && list.error === undefined && list.items.length === 0 && (
          <EmptyState icon="history" title="No changes">
            {filtered
              ? "Nothing matches these filters."
              : "Changes appear here after the second sync of a connection."}
          </EmptyState>
        )}
        {list.items.length > 0 && (
          <ol className="feed" aria-label="Changes">
            {list.items.map((c) => (
              <li key={c.id} className="feed-item">
                <Badge tone={kindTone(c.kind)}>{kindLabel(c.kind)}</Badge>
                <div className="feed-main">
                  <p className="feed-summary">
                    <Truncate text={describeChange(c)} lines={2} />
                  </p>
                  <p className="feed-meta">
                    <time dateTime={c.at}>{formatDateTime(c.at)}</time>
                    {multi && <> · {connName(c.connectionId)}</>}
                    {c.userId !== null && (
                      <>
                        {" · "}
                        <a
                          href={href(
                            `/users/${encodeURIComponent(c.connectionId)}/${encodeURIComponent(c.userId)}`,
                          )}
                        >
                          View user
                        </a>
                      </>
                    )}
                    {c.accountId !== null && (
                      <>
                        {" · "}
                        <a href={href("/access", { connection: c.connectionId, account: c.accountId })}>
                          Account {c.accountId}
                        </a>
                      </>
                    )}
                  </p>
                </div>
              </li>
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
    </>
  );
}
