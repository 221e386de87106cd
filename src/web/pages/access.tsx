// Access: by account, then permission set, then users with the path that grants each. The top two
// levels come from the summary route; a permission set's users load when it is opened.
import { useMemo, useState, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { AccessRow, AccessSummaryResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { useCursorList } from "../api/use-cursor-list.js";
import { AccessPaths } from "../components/access-path.js";
import { AccountLink, entityHref, PermissionSetLink } from "../components/entity-link.js";
import { ConnectionPicker, useConnections } from "../components/connection-picker.js";
import { SearchInput } from "../components/search-input.js";
import { UserStatusBadge } from "../components/status-badge.js";
import { LastUsed } from "../components/usage-summary.js";
import { Card, EmptyState, ErrorMessage, Loading, PageHeader, Truncate } from "../components/ui.js";
import { arnTail, formatCount, plural } from "../format.js";
import { href, navigate } from "../router.js";

type SummaryRow = AccessSummaryResponse["items"][number];

interface AccountGroup {
  accountId: string;
  accountName: string | null;
  sets: SummaryRow[];
  users: number;
}

/** Summary rows come ordered by account, then permission set: fold them per account. */
export function groupByAccount(rows: SummaryRow[]): AccountGroup[] {
  const out: AccountGroup[] = [];
  for (const r of rows) {
    let acct = out[out.length - 1];
    if (acct?.accountId !== r.accountId) {
      acct = { accountId: r.accountId, accountName: r.accountName, sets: [], users: 0 };
      out.push(acct);
    }
    acct.sets.push(r);
    acct.users += r.users;
  }
  return out;
}

function UsersTable({
  rows,
  connectionId,
  label,
  showTarget,
}: {
  rows: AccessRow[];
  connectionId: string;
  label: string;
  showTarget?: boolean;
}): ReactElement {
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label={label}>
        <thead>
          <tr>
            {showTarget === true && <th scope="col">Account</th>}
            {showTarget === true && <th scope="col">Permission set</th>}
            <th scope="col">User</th>
            <th scope="col" className="hide-sm">
              Status
            </th>
            <th scope="col">Path</th>
            <th scope="col" className="hide-sm">
              Last used
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.accountId}/${r.permissionSetArn}/${r.userId}`}>
              {showTarget === true && (
                <td>
                  <AccountLink connectionId={connectionId} accountId={r.accountId} name={r.accountName} />
                </td>
              )}
              {showTarget === true && (
                <td>
                  <PermissionSetLink
                    connectionId={connectionId}
                    arn={r.permissionSetArn}
                    name={r.permissionSetName}
                  />
                </td>
              )}
              <td>
                <a href={href(`/users/${encodeURIComponent(connectionId)}/${encodeURIComponent(r.userId)}`)}>
                  <Truncate text={r.userName} />
                </a>
                {r.displayName !== null && (
                  <div className="cell-note">
                    <Truncate text={r.displayName} />
                  </div>
                )}
              </td>
              <td className="hide-sm">
                <UserStatusBadge status={r.status} />
              </td>
              <td>
                <AccessPaths via={r.via} connectionId={connectionId} />
              </td>
              <td className="hide-sm nowrap">
                <LastUsed iso={r.lastUsedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SetUsers({ connectionId, row }: { connectionId: string; row: SummaryRow }): ReactElement {
  const list = useCursorList<AccessRow>(
    paths.access(connectionId, { accountId: row.accountId, permissionSetArn: row.permissionSetArn }),
    100,
  );
  if (list.error !== undefined) return <ErrorMessage error={list.error} retry={list.reload} />;
  if (list.items.length === 0 && list.loading) return <Loading />;
  return (
    <>
      <UsersTable
        rows={list.items}
        connectionId={connectionId}
        label={`Users with ${row.permissionSetName ?? arnTail(row.permissionSetArn)} on ${row.accountName ?? row.accountId}`}
      />
      {list.hasMore && (
        <div className="load-more">
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={list.loadMore}
            disabled={list.loading}
          >
            {list.loading ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </>
  );
}

function PermissionSetRow({ connectionId, row }: { connectionId: string; row: SummaryRow }): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <details className="access-set" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <span className="access-set-name" title={row.permissionSetArn}>
          {row.permissionSetName ?? arnTail(row.permissionSetArn)}
        </span>
        <span className="muted">{plural(row.users, "user")}</span>
      </summary>
      {open && <SetUsers connectionId={connectionId} row={row} />}
    </details>
  );
}

function UserAccess({ connectionId, userId }: { connectionId: string; userId: string }): ReactElement {
  const list = useCursorList<AccessRow>(paths.access(connectionId, { userId }), 200);
  if (list.error !== undefined) return <ErrorMessage error={list.error} retry={list.reload} />;
  if (list.items.length === 0 && list.loading) return <Loading />;
  if (list.items.length === 0)
    return (
      <EmptyState icon="key" title="No access">
        This user can reach no account.
      </EmptyState>
    );
  return <UsersTable rows={list.items} connectionId={connectionId} label="Access of the user" showTarget />;
}

export function AccessPage({ query }: { query: URLSearchParams }): ReactElement {
  const connections = useConnections();
  const items = connections.data?.items ?? [];
  const connection = query.get("connection") ?? items[0]?.id ?? "";
  const account = query.get("account") ?? "";
  const user = query.get("user") ?? "";
  const summary = useApi<AccessSummaryResponse>(
    connection === "" || user !== "" ? null : `${paths.connection(connection)}/access/summary`,
  );
  const groups = useMemo(() => {
    const needle = account.toLowerCase();
    return groupByAccount(summary.data?.items ?? []).filter(
      (g) =>
        needle === "" || g.accountId.includes(needle) || (g.accountName ?? "").toLowerCase().includes(needle),
    );
  }, [summary.data, account]);
  const go = (patch: Record<string, string>) => navigate("/access", { connection, account, user, ...patch });

  return (
    <>
      <PageHeader
        title="Access"
        description="Who can reach which AWS account, with which permission set, and how: directly or through a group."
      />
      <Card flush>
        <div className="toolbar">
          {user === "" && (
            <SearchInput
              label="Filter accounts"
              placeholder="Filter accounts by name or ID"
              value={account}
              onChange={(a) => go({ account: a.trim() })}
            />
          )}
          <ConnectionPicker
            connections={connections.data}
            value={connection}
            onChange={(c) => go({ connection: c, account: "", user: "" })}
            allowAll={false}
          />
          {user !== "" && (
            <button
              type="button"
              className="chip active"
              onClick={() => go({ user: "" })}
              aria-label="Show all users' access"
            >
              Only user {user} ×
            </button>
          )}
        </div>
        {connections.error !== undefined && (
          <ErrorMessage error={connections.error} retry={connections.reload} />
        )}
        {connections.data !== undefined && items.length === 0 && (
          <EmptyState
            icon="key"
            title="Nothing connected yet"
            action={
              <a className="btn btn-primary" href="#/integrations">
                Go to Integrations
              </a>
            }
          >
            Connect AWS IAM Identity Center to see who can reach which account.
          </EmptyState>
        )}
        {summary.error !== undefined && <ErrorMessage error={summary.error} retry={summary.reload} />}
        {connection !== "" && user === "" && summary.data === undefined && summary.error === undefined && (
          <Loading />
        )}
        {summary.data !== undefined && groups.length === 0 && (
          <EmptyState icon="key" title="No access found">
            {account !== "" ? "No account matches the filter." : "No user has access to any account yet."}
          </EmptyState>
        )}
        {connection !== "" && user !== "" && <UserAccess connectionId={connection} userId={user} />}
      </Card>
      {user === "" && groups.length > 0 && (
        <div className="stack section">
          {groups.map((g) => (
            <Card
              key={g.accountId}
              flush
              title={
                <span>
                  <a href={entityHref.account(connection, g.accountId)}>{g.accountName ?? g.accountId}</a>{" "}
                  <span className="muted mono">{g.accountId}</span>
                </span>
              }
              actions={
                <span className="muted">
                  {plural(g.sets.length, "permission set")} · {formatCount(g.users)} grants
                </span>
              }
            >
              {g.sets.map((s) => (
                <PermissionSetRow key={s.permissionSetArn} connectionId={connection} row={s} />
              ))}
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
