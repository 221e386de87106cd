// The organization's audit log (issue 13) on the Settings page: who did what, when, from where.
import { useEffect, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { AuditListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { Card, ErrorMessage, Loading, Time } from "../components/ui.js";

const LABELS: Record<string, string> = {
  "session.signed_in": "Signed in",
  "session.sign_in_failed": "Sign-in failed",
  "token.created": "Token created",
  "token.revoked": "Token revoked",
  "connection.created": "Connection created",
  "connection.updated": "Connection edited",
  "connection.deleted": "Connection deleted",
  "sync.requested": "Sync requested",
  "finding.accepted": "Finding accepted",
  "export.downloaded": "Export downloaded",
  "notification.subscription_created": "Notification added",
  "notification.subscription_updated": "Notification enabled/disabled",
  "notification.subscription_deleted": "Notification removed",
  "notification.secret_rotated": "Notification secret rotated",
  "notification.test_sent": "Test notification sent",
  "notification.redelivered": "Notification redelivered",
};

export function AuditLog({ refreshKey }: { refreshKey: number }): ReactElement {
  const log = useApi<AuditListResponse>(`${paths.audit}?limit=50`);
  const reload = log.reload;
  // A token created or revoked on this page: read the log again.
  useEffect(() => {
    if (refreshKey > 0) reload();
  }, [refreshKey, reload]);
  return (
    <Card title="Audit log" labelledBy="audit-log" flush>
      {log.error !== undefined && <ErrorMessage error={log.error} retry={log.reload} />}
      {log.data === undefined && log.error === undefined && <Loading />}
      {log.data !== undefined && (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Time iso={e.at} />
                  </td>
                  <td>{LABELS[e.action] ?? e.action}</td>
                  <td>{e.actor.via === "cli" ? "CLI" : `${e.actor.tokenName ?? "?"} (${e.actor.via})`}</td>
                  <td>{e.source}</td>
                  <td>{e.target ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
