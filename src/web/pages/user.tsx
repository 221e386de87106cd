// One user: profile, groups, and access (account, permission set, path: direct or via group).
import type { ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { UserDetailResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { AccessPaths } from "../components/access-path.js";
import { AccountLink, entityHref, PermissionSetLink } from "../components/entity-link.js";
import { UserStatusBadge } from "../components/status-badge.js";
import { Badge, Card, EmptyState, ErrorMessage, Loading, PageHeader, Time } from "../components/ui.js";
import { formatDateTime } from "../format.js";
import { href } from "../router.js";
import { UserFindings } from "./user-findings.js";
import { LastSignIn, LastUsed, useUsage } from "../components/usage-summary.js";

export function UserPage({ connectionId, userId }: { connectionId: string; userId: string }): ReactElement {
  const detail = useApi<UserDetailResponse>(paths.user(connectionId, userId));
  const usage = useUsage([connectionId]);
  const back = { href: "#/users", label: "Users" };
  if (detail.error !== undefined)
    return (
      <>
        <PageHeader back={back} title="User" />
        {detail.error.status === 404 ? (
          <EmptyState icon="users" title="User not found">
            This user is not in the connection's directory.
          </EmptyState>
        ) : (
          <ErrorMessage error={detail.error} retry={detail.reload} />
        )}
      </>
    );
  if (detail.data === undefined) return <Loading />;
  const { user, groups, access } = detail.data;
  const name = [user.givenName, user.familyName].filter(Boolean).join(" ");

  return (
    <>
      <PageHeader
        back={back}
        title={
          <span className="title-with-badge">
            {user.displayName ?? user.userName} <UserStatusBadge status={user.status} />
          </span>
        }
        description={user.displayName !== null ? user.userName : undefined}
        actions={
          <a
            className="btn btn-secondary"
            href={href("/changes", { connection: connectionId, user: userId })}
          >
            View changes
          </a>
        }
      />
      <div className="detail-grid">
        <Card title="Profile">
          <dl className="facts facts-stacked">
            <div>
              <dt>Username</dt>
              <dd>{user.userName}</dd>
            </div>
            <div>
              <dt>Name</dt>
              <dd>{name !== "" ? name : "—"}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{user.emails.length > 0 ? user.emails.join(", ") : "—"}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                <UserStatusBadge status={user.status} />
                {user.deletedAt !== null && (
                  <span className="muted"> since {formatDateTime(user.deletedAt)}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>License type</dt>
              <dd>
                {user.licenseTypes.map((l) => (
                  <Badge key={l} tone="brand">
                    {l}
                  </Badge>
                ))}
              </dd>
            </div>
            <div>
              <dt>Last sign-in</dt>
              <dd>
                <LastSignIn iso={user.lastSignInAt} usage={usage.get(connectionId)} />
              </dd>
            </div>
            <div>
              <dt>First seen</dt>
              <dd>
                <Time iso={user.firstSeenAt} />
              </dd>
            </div>
            <div>
              <dt>User ID</dt>
              <dd>
                <code className="break">{user.userId}</code>
              </dd>
            </div>
            {user.externalIds.map((x) => (
              <div key={`${x.issuer}/${x.id}`}>
                <dt>External ID ({x.issuer})</dt>
                <dd>
                  <code className="break">{x.id}</code>
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={`Groups (${groups.length})`} flush>
          {groups.length === 0 ? (
            <p className="muted pad">Not a member of any group.</p>
          ) : (
            <ul className="group-list">
              {groups.map((g) => (
                <li key={g.groupId}>
                  <a href={entityHref.group(connectionId, g.groupId)}>
                    <strong>{g.displayName ?? g.groupId}</strong>
                  </a>
                  {g.description !== null && <span className="muted"> — {g.description}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <UserFindings connectionId={connectionId} userId={userId} />
      <Card title={`Access (${access.length})`} flush className="section">
        {access.length === 0 ? (
          <p className="muted pad">No access to any account.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Access">
              <thead>
                <tr>
                  <th scope="col">Account</th>
                  <th scope="col">Permission set</th>
                  <th scope="col">Path</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {access.map((a) => (
                  <tr key={`${a.accountId}/${a.permissionSetArn}`}>
                    <td>
                      <AccountLink connectionId={connectionId} accountId={a.accountId} name={a.accountName} />
                    </td>
                    <td>
                      <PermissionSetLink
                        connectionId={connectionId}
                        arn={a.permissionSetArn}
                        name={a.permissionSetName}
                      />
                    </td>
                    <td>
                      <AccessPaths via={a.via} connectionId={connectionId} />
                    </td>
                    <td className="nowrap">
                      <LastUsed iso={a.lastUsedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
