// "Who is admin": every user with admin-equivalent access (access.admin findings, open or
// accepted), in which account, with which permission set, and through which group, on one screen.
import { entityHref } from "../components/entity-link.js";
import type { ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { ConnectionListResponse, FindingItem } from "../api/types.js";
import { useCursorList } from "../api/use-cursor-list.js";
import { ConnectionPicker } from "../components/connection-picker.js";
import { Badge, Card, EmptyState, ErrorMessage, Loading } from "../components/ui.js";
import { href } from "../router.js";

const text = (v: unknown, fallback: string | null): string => (typeof v === "string" ? v : (fallback ?? ""));
const enc = encodeURIComponent;

function via(f: FindingItem): string {
  const list = f.details.via;
  if (!Array.isArray(list)) return "";
  return (list as { type: string; groupId?: string; groupName?: string | null }[])
    .map((p) => (p.type === "DIRECT" ? "Direct assignment" : `Group ${p.groupName ?? p.groupId ?? ""}`))
    .join(", ");
}

export function WhoIsAdmin(props: {
  connectionId: string;
  connections: ConnectionListResponse | undefined;
  onConnection: (id: string) => void;
}): ReactElement {
  // Open and accepted: an accepted admin is still an admin.
  const open = useCursorList<FindingItem>(
    paths.findings({ connectionId: props.connectionId, rule: "access.admin" }),
    500,
  );
  const accepted = useCursorList<FindingItem>(
    paths.findings({ connectionId: props.connectionId, rule: "access.admin", status: "accepted" }),
    500,
  );
  const rows = [...open.items, ...accepted.items].sort((a, b) =>
    text(a.details.userName, a.userId).localeCompare(text(b.details.userName, b.userId)),
  );
  const users = new Set(rows.map((r) => `${r.connectionId}/${r.userId ?? ""}`)).size;
  const accounts = new Set(rows.map((r) => `${r.connectionId}/${r.accountId ?? ""}`)).size;
  const error = open.error ?? accepted.error;
  return (
    <Card flush>
      <div className="toolbar toolbar-wrap">
        <p className="toolbar-note">
          {rows.length === 0 ? "" : `${users} users can act as administrator in ${accounts} accounts.`}
        </p>
        <ConnectionPicker
          connections={props.connections}
          value={props.connectionId}
          onChange={props.onConnection}
          allowAll
        />
      </div>
      {error !== undefined && <ErrorMessage error={error} retry={open.reload} />}
      {(open.loading || accepted.loading) && rows.length === 0 && <Loading />}
      {!open.loading && !accepted.loading && error === undefined && rows.length === 0 && (
        <EmptyState icon="shield" title="Nobody holds administrator access">
          No user holds an admin-equivalent permission set on any account.
        </EmptyState>
      )}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Who is admin">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Account</th>
                <th scope="col">Permission set</th>
                <th scope="col">Through</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.connectionId}/${r.id}`}>
                  <td>
                    <a href={href(`/users/${enc(r.connectionId)}/${enc(r.userId ?? "")}`)}>
                      {text(r.details.userName, r.userId)}
                    </a>
                    {r.details.userStatus === "DISABLED" && (
                      <>
                        {" "}
                        <Badge tone="warning">Disabled</Badge>
                      </>
                    )}
                    {r.status === "accepted" && (
                      <>
                        {" "}
                        <Badge tone="neutral">Accepted</Badge>
                      </>
                    )}
                  </td>
                  <td>
                    <a href={entityHref.account(r.connectionId, r.accountId ?? "")}>
                      {text(r.details.accountName, r.accountId)}
                    </a>
                    {/* On its own line: a link beside plain text must not rely on colour alone. */}
                    <div className="cell-note mono">{r.accountId}</div>
                  </td>
                  <td>
                    <a href={entityHref.permissionSet(r.connectionId, r.permissionSetArn ?? "")}>
                      {text(r.details.permissionSetName, r.permissionSetArn)}
                    </a>
                  </td>
                  <td>{via(r)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(open.hasMore || accepted.hasMore) && (
        <div className="load-more">
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              open.loadMore();
              accepted.loadMore();
            }}
          >
            Load more
          </button>
        </div>
      )}
    </Card>
  );
}
