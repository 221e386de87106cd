// Who holds a permission set, or who can reach an account: the access rows with the path that
// grants each (direct or via a group), a page at a time with "1–50 of N", and downloads.
import type { ReactElement } from "react";
import { explorePaths } from "../api/explore.js";
import type { AccessListResponse } from "../api/types.js";
import { usePaged } from "../api/use-paged.js";
import { AccessPaths } from "./access-path.js";
import { DownloadLinks } from "./download-links.js";
import { LastUsed } from "./usage-summary.js";
import { AccountLink, entityHref, PermissionSetLink } from "./entity-link.js";
import { Pager } from "./pager.js";
import { UserStatusBadge } from "./status-badge.js";
import { Card, ErrorMessage, Loading, Truncate } from "./ui.js";

const SIZE = 50;

export function AccessTable(props: {
  connectionId: string;
  filter: { accountId: string } | { permissionSetArn: string };
  total: number;
  title: string;
  labelledBy: string;
}): ReactElement {
  const { connectionId, filter } = props;
  const byAccount = "accountId" in filter;
  const key = `${connectionId}\n${JSON.stringify(filter)}`;
  const page = usePaged<AccessListResponse>(
    key,
    (cursor) => explorePaths.access(connectionId, { ...filter, cursor, limit: SIZE }),
    SIZE,
  );
  const data = page.data;
  return (
    <Card
      title={props.title}
      labelledBy={props.labelledBy}
      flush
      className="section"
      actions={
        <DownloadLinks list="access" query={{ connectionId, ...filter }} what={props.title.toLowerCase()} />
      }
    >
      {page.error !== undefined && <ErrorMessage error={page.error} retry={page.reload} />}
      {data === undefined && page.error === undefined && <Loading />}
      {data !== undefined && data.items.length === 0 && <p className="muted pad">Nobody.</p>}
      {data !== undefined && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table table-compact" aria-label={props.title} aria-busy={page.loading}>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col" className="hide-sm">
                    Status
                  </th>
                  <th scope="col">{byAccount ? "Permission set" : "Account"}</th>
                  <th scope="col" className="hide-sm">
                    How
                  </th>
                  <th scope="col" className="hide-sm">
                    Last used
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={`${r.accountId}/${r.permissionSetArn}/${r.userId}`}>
                    <td>
                      <a href={entityHref.user(connectionId, r.userId)}>
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
                      {byAccount ? (
                        <PermissionSetLink
                          connectionId={connectionId}
                          arn={r.permissionSetArn}
                          name={r.permissionSetName}
                        />
                      ) : (
                        <AccountLink
                          connectionId={connectionId}
                          accountId={r.accountId}
                          name={r.accountName}
                        />
                      )}
                      {/* On phones the paths go under the target instead of in their own column. */}
                      <div className="show-sm cell-paths">
                        <AccessPaths via={r.via} connectionId={connectionId} />
                      </div>
                    </td>
                    <td className="hide-sm">
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
          <Pager
            label={`Pages of ${props.title.toLowerCase()}`}
            offset={page.offset}
            shown={data.items.length}
            total={props.total}
            hasPrev={page.hasPrev}
            hasNext={data.nextCursor !== null}
            onPrev={page.prev}
            onNext={() => data.nextCursor !== null && page.next(data.nextCursor)}
          />
        </>
      )}
    </Card>
  );
}
