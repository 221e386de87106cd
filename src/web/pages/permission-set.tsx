// One permission set: what it grants (managed, customer-managed and inline policies, boundary),
// its tags, the accounts it is assigned on, its assignments, and who holds it and how.
import type { ReactElement } from "react";
import type { PermissionSetDetailResponse } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { useApi } from "../api/use-api.js";
import { AccessTable } from "../components/access-table.js";
import { AssignmentsTable } from "../components/assignments-table.js";
import { AccountLink } from "../components/entity-link.js";
import { TagList } from "../components/tag-list.js";
import { Card, EmptyState, ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { arnTail, formatCount } from "../format.js";
import { href } from "../router.js";

type PermissionSet = PermissionSetDetailResponse["permissionSet"];

/** The inline policy indented for reading; as AWS gave it when it is not JSON. */
export function prettyPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Policies({ ps }: { ps: PermissionSet }): ReactElement {
  const boundary = ps.permissionsBoundary;
  return (
    <Card title="Policies" labelledBy="policies-title" className="section">
      <div className="policy-groups">
        <section aria-labelledby="managed-title">
          <h3 id="managed-title" className="subhead">
            AWS managed policies ({ps.managedPolicies.length})
          </h3>
          {ps.managedPolicies.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="policy-list">
              {ps.managedPolicies.map((arn) => (
                <li key={arn}>
                  <strong>{arnTail(arn)}</strong>
                  <div className="cell-note mono break">{arn}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="customer-title">
          <h3 id="customer-title" className="subhead">
            Customer managed policies ({ps.customerManagedPolicies.length})
          </h3>
          {ps.customerManagedPolicies.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="policy-list">
              {ps.customerManagedPolicies.map((p) => (
                <li key={`${p.path}${p.name}`}>
                  <strong>{p.name}</strong>
                  <div className="cell-note mono">path {p.path}</div>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="boundary-title">
          <h3 id="boundary-title" className="subhead">
            Permissions boundary
          </h3>
          {boundary === null ? (
            <p className="muted">None.</p>
          ) : boundary.type === "MANAGED" ? (
            <p>
              <strong>{arnTail(boundary.managedPolicyArn)}</strong> (AWS managed)
              <span className="cell-note mono break">{boundary.managedPolicyArn}</span>
            </p>
          ) : (
            <p>
              <strong>{boundary.name}</strong> (customer managed, path <code>{boundary.path}</code>)
            </p>
          )}
        </section>
      </div>
      <section aria-labelledby="inline-title" className="inline-policy">
        <h3 id="inline-title" className="subhead">
          Inline policy
        </h3>
        {ps.inlinePolicy === null ? (
          <p className="muted">None.</p>
        ) : (
          <pre className="code-block policy" tabIndex={0} aria-label="Inline policy document">
            {prettyPolicy(ps.inlinePolicy)}
          </pre>
        )}
      </section>
    </Card>
  );
}

export function PermissionSetPage({
  connectionId,
  arn,
}: {
  connectionId: string;
  arn: string;
}): ReactElement {
  const detail = useApi<PermissionSetDetailResponse>(explorePaths.permissionSet(connectionId, arn));
  const back = { href: href("/permission-sets", { connection: connectionId }), label: "Permission sets" };
  if (detail.error !== undefined)
    return (
      <>
        <PageHeader back={back} title="Permission set" />
        {detail.error.status === 404 ? (
          <EmptyState icon="key" title="Permission set not found">
            This permission set is not in the connection's instance.
          </EmptyState>
        ) : (
          <ErrorMessage error={detail.error} retry={detail.reload} />
        )}
      </>
    );
  if (detail.data === undefined) return <Loading />;
  const { permissionSet: ps, counts, accounts, assignments } = detail.data;
  return (
    <>
      <PageHeader back={back} title={ps.name} description={ps.description ?? undefined} />
      <Card>
        <dl className="facts">
          <div>
            <dt>Accounts</dt>
            <dd className="fact-number">{formatCount(counts.accounts)}</dd>
          </div>
          <div>
            <dt>Users who hold it</dt>
            <dd className="fact-number">{formatCount(counts.users)}</dd>
          </div>
          <div>
            <dt>Session duration</dt>
            <dd>{ps.sessionDuration ?? "—"}</dd>
          </div>
          <div>
            <dt>Relay state</dt>
            <dd>{ps.relayState ?? "—"}</dd>
          </div>
          <div className="fact-wide">
            <dt>ARN</dt>
            <dd>
              <code className="break">{ps.arn}</code>
            </dd>
          </div>
          <div className="fact-wide">
            <dt>Tags</dt>
            <dd>
              <TagList tags={ps.tags} />
            </dd>
          </div>
        </dl>
      </Card>
      <Policies ps={ps} />
      <div className="detail-grid section">
        <Card title={`Accounts (${formatCount(accounts.length)})`} labelledBy="accounts-title" flush>
          {accounts.length === 0 ? (
            <p className="muted pad">Not assigned on any account.</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-compact" aria-label="Accounts">
                <thead>
                  <tr>
                    <th scope="col">Account</th>
                    <th scope="col" className="num">
                      Users
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((a) => (
                    <tr key={a.accountId}>
                      <td>
                        <AccountLink
                          connectionId={connectionId}
                          accountId={a.accountId}
                          name={a.accountName}
                        />
                      </td>
                      <td className="num">{formatCount(a.users)}</td>
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
              columns={["account", "principal"]}
              label="Assignments"
            />
          )}
        </Card>
      </div>
      <AccessTable
        connectionId={connectionId}
        filter={{ permissionSetArn: ps.arn }}
        total={counts.grants}
        title="Who holds it"
        labelledBy="holders-title"
      />
    </>
  );
}
