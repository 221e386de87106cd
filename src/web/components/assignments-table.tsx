// Account assignments (account, permission set, principal), each name a link to its page.
import type { ReactElement } from "react";
import type { AssignmentView } from "../api/explore.js";
import { AccountLink, PermissionSetLink, PrincipalLink } from "./entity-link.js";
import { Badge } from "./ui.js";

type Col = "account" | "permissionSet" | "principal";

export function AssignmentsTable(props: {
  connectionId: string;
  rows: AssignmentView[];
  columns: Col[];
  label: string;
}): ReactElement {
  const { connectionId } = props;
  const has = (c: Col) => props.columns.includes(c);
  return (
    <div className="table-wrap">
      <table className="table table-compact" aria-label={props.label}>
        <thead>
          <tr>
            {has("account") && <th scope="col">Account</th>}
            {has("permissionSet") && <th scope="col">Permission set</th>}
            {has("principal") && <th scope="col">Assigned to</th>}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((a) => (
            <tr key={`${a.accountId}/${a.permissionSetArn}/${a.principalType}/${a.principalId}`}>
              {has("account") && (
                <td>
                  <AccountLink connectionId={connectionId} accountId={a.accountId} name={a.accountName} />
                </td>
              )}
              {has("permissionSet") && (
                <td>
                  <PermissionSetLink
                    connectionId={connectionId}
                    arn={a.permissionSetArn}
                    name={a.permissionSetName}
                  />
                </td>
              )}
              {has("principal") && (
                <td>
                  <Badge tone={a.principalType === "GROUP" ? "info" : "neutral"}>
                    {a.principalType === "GROUP" ? "Group" : "User"}
                  </Badge>{" "}
                  {a.principalName === null ? (
                    // Assigned in AWS to a principal the directory no longer has (an orphaned assignment).
                    <>
                      <code className="break">{a.principalId}</code>
                      <div className="cell-note">Not in the directory</div>
                    </>
                  ) : (
                    <PrincipalLink
                      connectionId={connectionId}
                      type={a.principalType}
                      id={a.principalId}
                      name={a.principalName}
                    />
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
