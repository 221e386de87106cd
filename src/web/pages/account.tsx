// One AWS account: its tags, the permission sets assigned on it, its assignments, and who can
// reach it with what (and how: directly or through which group).
import type { ReactElement } from "react";
import type { AccountDetailResponse } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { useApi } from "../api/use-api.js";
import { AccessTable } from "../components/access-table.js";
import { AssignmentsTable } from "../components/assignments-table.js";
import { PermissionSetLink } from "../components/entity-link.js";
import { TagList } from "../components/tag-list.js";
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { formatCount } from "../format.js";
import { href } from "../router.js";

export function AccountPage({
  connectionId,
  accountId,
}: {
  connectionId: string;
  accountId: string;
}): ReactElement {
  const detail = useApi<AccountDetailResponse>(explorePaths.account(connectionId, accountId));
  const back = { href: href("/accounts", { connection: connectionId }), label: "Accounts" };
  if (detail.error !== undefined)
    return (
      <>
        <PageHeader back={back} title="Account" />
        {detail.error.status === 404 ? (
          <EmptyState icon="building" title="Account not found">
            This account is not in the connection's organization.
          </EmptyState>
        ) : (
          <ErrorMessage error={detail.error} retry={detail.reload} />
        )}
      </>
    );
  if (detail.data === undefined) return <Loading />;
  const { account, counts, permissionSets, assignments } = detail.data;
  return (
    <>
      <PageHeader
        back={back}
        title={account.name ?? account.accountId}
        description={account.name !== null ? account.accountId : undefined}
        actions={
          <a
            className="btn btn-secondary"
            href={href("/changes", { connection: connectionId, account: accountId })}
          >
            View changes
          </a>
        }
      />
      <Card>
        <dl className="facts">
          <div>
            <dt>Users who can reach it</dt>
            <dd className="fact-number">{formatCount(counts.users)}</dd>
          </div>
          <div>
            <dt>Permission sets</dt>
            <dd className="fact-number">{formatCount(counts.permissionSets)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {account.status === null ? (
                "—"
              ) : (
                <Badge tone={account.status === "ACTIVE" ? "success" : "warning"}>{account.status}</Badge>
              )}
            </dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{account.email ?? "—"}</dd>
          </div>
          <div className="fact-wide">
            <dt>Tags</dt>
            <dd>
              <TagList tags={account.tags} />
            </dd>
          </div>
        </dl>
      </Card>
      <div className="detail-grid section">
        <Card title={`Permission sets (${formatCount(permissionSets.length)})`} labelledBy="sets-title" flush>
          {permissionSets.length === 0 ? (
            <p className="muted pad">No permission set is assigned on this account.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-compact" aria-label="Permission sets">
                <thead>
                  <tr>
                    <th scope="col">Permission set</th>
                    <th scope="col" className="num">
                      Users
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {permissionSets.map((p) => (
                    <tr key={p.arn}>
                      <td>
                        <PermissionSetLink connectionId={connectionId} arn={p.arn} name={p.name} />
                      </td>
                      <td className="num">{formatCount(p.users)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card title={`Assignments (${formatCount(assignments.length)})`} labelledBy="assignments-title" flush>
          {assignments.length === 0 ? (
            <p className="muted pad">No assignments.</p>
          ) : (
            <AssignmentsTable
              connectionId={connectionId}
              rows={assignments}
              columns={["permissionSet", "principal"]}
              label="Assignments"
            />
          )}
        </Card>
      </div>
      <AccessTable
        connectionId={connectionId}
        filter={{ accountId: account.accountId }}
        total={counts.grants}
        title="Who can reach it"
        labelledBy="reach-title"
      />
    </>
  );
}
