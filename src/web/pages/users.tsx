// Users: search, status filter, sort, server-side cursor paging, counts per status and license type.
import { rangeText } from "../components/pager.js";
import { useState, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { ApiUserStatus, UserListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ConnectionPicker, useConnections } from "../components/connection-picker.js";
import { Icon } from "../components/icons.js";
import { SearchInput } from "../components/search-input.js";
import { SortHeader } from "../components/sort-header.js";
import { LastSignIn, UsageSummary, useUsage } from "../components/usage-summary.js";
import { UserStatusBadge } from "../components/status-badge.js";
import {
  Badge,
  Card,
  EmptyState,
  ErrorMessage,
  Loading,
  PageHeader,
  Time,
  Truncate,
} from "../components/ui.js";
import { formatCount } from "../format.js";
import { href, navigate } from "../router.js";

type SortKey = "userName" | "displayName" | "status" | "firstSeenAt" | "lastSignInAt";
const SORTS: SortKey[] = ["userName", "displayName", "status", "firstSeenAt", "lastSignInAt"];
const STATUSES: ApiUserStatus[] = ["ENABLED", "DISABLED", "DELETED"];
const PAGE_SIZES = ["25", "50", "100", "200"];

/**
 * Why the list is empty: nothing connected yet (say so, and where to connect), nothing synced yet,
 * or a search or filter that matches no one.
 */
function UsersEmpty(props: { connections: number | undefined; filtered: boolean }): ReactElement {
  if (props.connections === 0) {
    return (
      <EmptyState
        icon="users"
        title="No integration connected yet"
        action={
          <a className="btn btn-primary" href={href("/integrations")}>
            Go to Integrations
          </a>
        }
      >
        Users appear here once an integration such as AWS Identity Center is connected and synced.
      </EmptyState>
    );
  }
  if (props.filtered) {
    return (
      <EmptyState icon="users" title="No users match">
        Try another search or filter.
      </EmptyState>
    );
  }
  return (
    <EmptyState icon="users" title="No users yet">
      The connected integrations have no users, or their first sync has not finished.
    </EmptyState>
  );
}

export function UsersPage({ query }: { query: URLSearchParams }): ReactElement {
  const f = {
    connection: query.get("connection") ?? "",
    q: query.get("q") ?? "",
    status: (STATUSES as string[]).includes(query.get("status") ?? "")
      ? (query.get("status") as ApiUserStatus)
      : undefined,
    license: query.get("license") ?? "",
    sort: (SORTS as string[]).includes(query.get("sort") ?? "") ? (query.get("sort") as SortKey) : "userName",
    order: query.get("order") === "desc" ? ("desc" as const) : ("asc" as const),
    cursor: query.get("cursor") ?? "",
    size: PAGE_SIZES.includes(query.get("size") ?? "") ? (query.get("size") as string) : "50",
  };
  // Cursors of the pages before this one, for "Previous" (paging is forward-only on the server).
  const [history, setHistory] = useState<string[]>([]);
  const connections = useConnections();
  const users = useApi<UserListResponse>(
    paths.users({
      connectionId: f.connection,
      q: f.q,
      status: f.status,
      licenseType: f.license,
      sort: f.sort,
      order: f.order,
      cursor: f.cursor,
      limit: Number(f.size),
    }),
  );

  const go = (patch: Partial<Record<keyof typeof f, string | undefined>>, keepCursor = false) => {
    if (!keepCursor) setHistory([]);
    const next = { ...f, ...(keepCursor ? {} : { cursor: "" }), ...patch };
    navigate("/users", {
      connection: next.connection,
      q: next.q,
      status: next.status,
      license: next.license,
      sort: next.sort === "userName" ? undefined : next.sort,
      order: next.order === "asc" ? undefined : next.order,
      cursor: next.cursor,
      size: next.size === "50" ? undefined : next.size,
    });
  };
  const onSort = (k: SortKey) => go({ sort: k, order: f.sort === k && f.order === "asc" ? "desc" : "asc" });
  // The Connection column only when the rows can come from several: with one connection chosen it
  // repeats the filter, and the table needs its width for the rest at 1366 px.
  const showConnection = (connections.data?.items.length ?? 0) > 1 && f.connection === "";
  const connName = (id: string) => connections.data?.items.find((c) => c.id === id)?.name ?? id;

  const shown = (connections.data?.items ?? []).filter((c) => f.connection === "" || c.id === f.connection);
  const usage = useUsage(shown.map((c) => c.id));

  const counts = users.data?.counts;
  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone in your connected Identity Center directories, with their status and license type."
      />

      <div className="summary-grid" aria-label="User counts">
        <button
          type="button"
          className={`summary-card${f.status === undefined ? " active" : ""}`}
          aria-pressed={f.status === undefined}
          onClick={() => go({ status: undefined })}
        >
          <span className="summary-label">All users</span>
          <span className="summary-value">{formatCount(counts?.total)}</span>
        </button>
        {STATUSES.map((s) => (
          <button
            key={s}
            type="button"
            className={`summary-card${f.status === s ? " active" : ""}`}
            aria-pressed={f.status === s}
            onClick={() => go({ status: f.status === s ? undefined : s })}
          >
            <span className="summary-label">
              <UserStatusBadge status={s} />
            </span>
            <span className="summary-value">{formatCount(counts?.byStatus[s])}</span>
          </button>
        ))}
      </div>

      {counts !== undefined && Object.keys(counts.byLicenseType).length > 0 && (
        <div className="license-row" aria-label="Users per license type">
          <span className="muted">License types:</span>
          {Object.entries(counts.byLicenseType).map(([lt, n]) => (
            <button
              key={lt}
              type="button"
              className={`chip${f.license === lt ? " active" : ""}`}
              aria-pressed={f.license === lt}
              onClick={() => go({ license: f.license === lt ? "" : lt })}
            >
              {lt} <span className="chip-count">{formatCount(n)}</span>
            </button>
          ))}
        </div>
      )}

      {shown.length > 0 && usage.size > 0 && (
        <section aria-label="Usage" className="usage-section">
          <h2 className="section-title">Usage (sign-in activity, last 90 days)</h2>
          {shown.map((c) => {
            const u = usage.get(c.id);
            return u === undefined ? null : <UsageSummary key={c.id} name={c.name} usage={u} />;
          })}
        </section>
      )}

      <Card flush>
        <div className="toolbar">
          <SearchInput
            label="Search users"
            placeholder="Search by user name, name or email"
            value={f.q}
            onChange={(q) => go({ q })}
          />
          <div className="filter">
            <label htmlFor="status-filter">Status</label>
            <select
              id="status-filter"
              value={f.status ?? ""}
              onChange={(e) => go({ status: e.target.value })}
            >
              <option value="">Any status</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s.charAt(0) + s.slice(1).toLowerCase()}
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
        </div>
        {users.error !== undefined && <ErrorMessage error={users.error} retry={users.reload} />}
        {users.data === undefined && users.error === undefined && <Loading />}
        {users.data !== undefined && users.data.items.length === 0 && (
          <UsersEmpty
            connections={connections.data?.items.length}
            filtered={f.q !== "" || f.status !== undefined || f.license !== ""}
          />
        )}
        {users.data !== undefined && users.data.items.length > 0 && (
          <div className="table-wrap">
            <table className="table" aria-label="Users" aria-busy={users.loading}>
              <thead>
                <tr>
                  <SortHeader label="Username" k="userName" sort={f.sort} order={f.order} onSort={onSort} />
                  <SortHeader
                    label="Name and email"
                    k="displayName"
                    sort={f.sort}
                    order={f.order}
                    onSort={onSort}
                    className="hide-sm"
                  />
                  <SortHeader label="Status" k="status" sort={f.sort} order={f.order} onSort={onSort} />
                  <th scope="col" className="hide-sm">
                    License type
                  </th>
                  {showConnection && (
                    <th scope="col" className="hide-md">
                      Connection
                    </th>
                  )}
                  <SortHeader
                    label="Last sign-in"
                    k="lastSignInAt"
                    sort={f.sort}
                    order={f.order}
                    onSort={onSort}
                  />
                  <SortHeader
                    label="First seen"
                    k="firstSeenAt"
                    sort={f.sort}
                    order={f.order}
                    onSort={onSort}
                    className="hide-md"
                  />
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((u) => (
                  <tr key={`${u.connectionId}/${u.userId}`}>
                    <td className="cell-strong">
                      <a
                        href={href(
                          `/users/${encodeURIComponent(u.connectionId)}/${encodeURIComponent(u.userId)}`,
                        )}
                      >
                        <Truncate text={u.userName} />
                      </a>
                    </td>
                    <td className="hide-sm">
                      {u.displayName !== null ? (
                        <Truncate text={u.displayName} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                      {u.primaryEmail !== null && (
                        <div className="cell-note">
                          <Truncate text={u.primaryEmail} />
                        </div>
                      )}
                    </td>
                    <td className="nowrap">
                      <UserStatusBadge status={u.status} />
                    </td>
                    <td className="hide-sm nowrap">
                      {u.licenseTypes.map((l) => (
                        <Badge key={l} tone="brand">
                          {l}
                        </Badge>
                      ))}
                    </td>
                    {showConnection && (
                      <td className="hide-md">
                        <Truncate text={connName(u.connectionId)} />
                      </td>
                    )}
                    {/* Wraps: "Never in the last 90 days" on one line pushed the table past 1366 px. */}
                    <td>
                      <LastSignIn iso={u.lastSignInAt} usage={usage.get(u.connectionId)} />
                    </td>
                    <td className="hide-md nowrap">
                      <Time iso={u.firstSeenAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {users.data !== undefined && users.data.items.length > 0 && (
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={history.length === 0}
              onClick={() => {
                const prev = history.slice(0, -1);
                setHistory(prev);
                go({ cursor: history[history.length - 1] ?? "" }, true);
              }}
            >
              <Icon name="chevronLeft" size={14} /> Previous
            </button>
            <span className="pager-middle">
              <span className="pager-range" aria-live="polite">
                {rangeText(
                  history.length * Number(f.size),
                  users.data.items.length,
                  f.status === undefined ? users.data.counts.total : users.data.counts.byStatus[f.status],
                )}
              </span>
              <label className="page-size">
                <span className="muted">Rows per page</span>
                <select value={f.size} onChange={(e) => go({ size: e.target.value })}>
                  {PAGE_SIZES.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </label>
            </span>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={users.data.nextCursor === null}
              onClick={() => {
                setHistory((h) => [...h, f.cursor]);
                go({ cursor: users.data?.nextCursor ?? "" }, true);
              }}
            >
              Next <Icon name="chevronRight" size={14} />
            </button>
          </nav>
        )}
      </Card>
    </>
  );
}
