// One group: its members (searchable, paged) and the account assignments made to it.
import { useState, type ReactElement } from "react";
import type { GroupDetailResponse, GroupMemberListResponse } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { useApi } from "../api/use-api.js";
import { usePaged } from "../api/use-paged.js";
import { AssignmentsTable } from "../components/assignments-table.js";
import { DownloadLinks } from "../components/download-links.js";
import { entityHref } from "../components/entity-link.js";
import { Pager } from "../components/pager.js";
import { SearchInput } from "../components/search-input.js";
import { UserStatusBadge } from "../components/status-badge.js";
import { Card, EmptyState, ErrorMessage, Loading, PageHeader, Truncate } from "../components/ui.js";
import { formatCount } from "../format.js";
import { href } from "../router.js";

const SIZE = 50;

function Members({ connectionId, groupId }: { connectionId: string; groupId: string }): ReactElement {
  const [q, setQ] = useState("");
  const page = usePaged<GroupMemberListResponse>(
    `${connectionId}\n${groupId}\n${q}`,
    (cursor) => explorePaths.members(connectionId, groupId, { q, cursor, limit: SIZE }),
    SIZE,
  );
  const data = page.data;
  return (
    <Card
      title="Members"
      labelledBy="members-title"
      flush
      className="section"
      actions={<DownloadLinks list="group-members" query={{ connectionId, groupId, q }} what="members" />}
    >
      <div className="toolbar">
        <SearchInput
          label="Search members"
          placeholder="Search by user name, name or email"
          value={q}
          onChange={setQ}
        />
      </div>
      {page.error !== undefined && <ErrorMessage error={page.error} retry={page.reload} />}
      {data === undefined && page.error === undefined && <Loading />}
      {data !== undefined && data.items.length === 0 && (
        <p className="muted pad">{q === "" ? "This group has no members." : "No member matches."}</p>
      )}
      {data !== undefined && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="table table-compact" aria-label="Members" aria-busy={page.loading}>
              <thead>
                <tr>
                  <th scope="col">User</th>
                  <th scope="col" className="hide-sm">
                    Email
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.userId}>
                    <td>
                      <a href={entityHref.user(connectionId, m.userId)}>
                        <Truncate text={m.userName} />
                      </a>
                      {m.displayName !== null && (
                        <div className="cell-note">
                          <Truncate text={m.displayName} />
                        </div>
                      )}
                    </td>
                    <td className="hide-sm">
                      {m.primaryEmail !== null ? (
                        <Truncate text={m.primaryEmail} />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                    <td>
                      <UserStatusBadge status={m.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager
            label="Pages of members"
            offset={page.offset}
            shown={data.items.length}
            total={data.total}
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

export function GroupPage({
  connectionId,
  groupId,
}: {
  connectionId: string;
  groupId: string;
}): ReactElement {
  const detail = useApi<GroupDetailResponse>(explorePaths.group(connectionId, groupId));
  const back = { href: href("/groups", { connection: connectionId }), label: "Groups" };
  if (detail.error !== undefined)
    return (
      <>
        <PageHeader back={back} title="Group" />
        {detail.error.status === 404 ? (
          <EmptyState icon="users" title="Group not found">
            This group is not in the connection's directory.
          </EmptyState>
        ) : (
          <ErrorMessage error={detail.error} retry={detail.reload} />
        )}
      </>
    );
  if (detail.data === undefined) return <Loading />;
  const { group, assignments } = detail.data;
  return (
    <>
      <PageHeader
        back={back}
        title={group.displayName ?? group.groupId}
        description={group.description ?? undefined}
      />
      <Card>
        <dl className="facts">
          <div>
            <dt>Members</dt>
            <dd className="fact-number">{formatCount(group.members)}</dd>
          </div>
          <div>
            <dt>Assignments</dt>
            <dd className="fact-number">{formatCount(group.assignments)}</dd>
          </div>
          <div className="fact-wide">
            <dt>Group ID</dt>
            <dd>
              <code className="break">{group.groupId}</code>
            </dd>
          </div>
        </dl>
      </Card>
      <Card title="Assignments" labelledBy="assignments-title" flush className="section">
        {assignments.length === 0 ? (
          <p className="muted pad">No account is assigned to this group.</p>
        ) : (
          <AssignmentsTable
            connectionId={connectionId}
            rows={assignments}
            columns={["account", "permissionSet"]}
            label="Assignments"
          />
        )}
      </Card>
      <Members connectionId={connectionId} groupId={groupId} />
    </>
  );
}
