// Settings: the organization's API tokens (issue 13, M2) and notifications (issue 16). Create one (read or admin, optional
// expiry; its value is shown once), see when each was created and last used, revoke one.
import { useState, type FormEvent, type ReactElement } from "react";
import { createToken, paths, revokeToken } from "../api/endpoints.js";
import type { ApiError } from "../api/client.js";
import type { ApiTokenInfoView, TokenListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { CopyBlock } from "../components/copy-button.js";
import { Field } from "../components/field.js";
import { AuditLog } from "./audit-log.js";
import { Notifications } from "./notifications.js";
import { Alert, Badge, Card, ErrorMessage, Loading, PageHeader, Time } from "../components/ui.js";

function TokenState({ t }: { t: ApiTokenInfoView }): ReactElement {
  if (t.revokedAt !== null) return <Badge tone="neutral">Revoked</Badge>;
  if (!t.active) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

function CreateTokenForm({ onCreated }: { onCreated: (token: string) => void }): ReactElement {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "admin">("read");
  const [days, setDays] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    createToken({ name, scope, ...(days === "" ? {} : { expiresInDays: Number(days) }) }).then(
      (created) => {
        setBusy(false);
        setName("");
        onCreated(created.token);
      },
      (err: ApiError) => {
        setBusy(false);
        setError(err.message);
      },
    );
  };
  return (
    <form className="token-form" onSubmit={submit} aria-label="Create an API token">
      <Field label="Name" hint="What the token is for, e.g. 'Nightly export'.">
        {({ id, describedBy }) => (
          <input
            id={id}
            type="text"
            value={name}
            maxLength={100}
            required
            onChange={(e) => setName(e.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field
        label="Scope"
        hint="Read may only read; admin may also change connections, sync and manage tokens."
      >
        {({ id, describedBy }) => (
          <select
            id={id}
            value={scope}
            onChange={(e) => setScope(e.target.value === "admin" ? "admin" : "read")}
            aria-describedby={describedBy}
          >
            <option value="read">read</option>
            <option value="admin">admin</option>
          </select>
        )}
      </Field>
      <Field label="Expires after (days)" optional hint="Empty: until revoked.">
        {({ id, describedBy }) => (
          <input
            id={id}
            type="number"
            min={1}
            max={3650}
            value={days}
            onChange={(e) => setDays(e.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      {error !== undefined && <Alert tone="danger">{error}</Alert>}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Create token
      </button>
    </form>
  );
}

export function SettingsPage(): ReactElement {
  const tokens = useApi<TokenListResponse>(paths.tokens);
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  // Bumped by each token change, so the audit log below shows it.
  const [changes, setChanges] = useState(0);
  const revoke = (t: ApiTokenInfoView) => {
    if (!window.confirm(`Revoke "${t.name}"? It and every session it signed in stop working at once.`))
      return;
    revokeToken(t.id).then(
      () => {
        tokens.reload();
        setChanges((c) => c + 1);
      },
      (err: ApiError) => setError(err.message),
    );
  };
  return (
    <>
      <PageHeader
        title="Settings"
        description="API tokens and notifications of this organization. A token or signing secret is shown once when created."
      />
      <Card title="Create an API token" labelledBy="create-token">
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            tokens.reload();
            setChanges((c) => c + 1);
          }}
        />
        {created !== null && <CopyBlock label="The new token (shown this once)" value={created} />}
      </Card>
      <Card title="API tokens" labelledBy="api-tokens" flush>
        {error !== undefined && <Alert tone="danger">{error}</Alert>}
        {tokens.error !== undefined && <ErrorMessage error={tokens.error} retry={tokens.reload} />}
        {tokens.data === undefined && tokens.error === undefined && <Loading />}
        {tokens.data !== undefined && (
          <div className="table-wrap">
            <table className="table" aria-label="API tokens">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.data.items.map((t) => (
                  <tr key={t.id}>
                    <td>
                      {t.name}
                      {t.current && <Badge tone="info">this session</Badge>}
                      {t.bootstrap && <Badge tone="brand">IDC_SYNC_ADMIN_TOKEN</Badge>}
                    </td>
                    <td>{t.scope}</td>
                    <td>
                      <Time iso={t.createdAt} />
                    </td>
                    <td>{t.lastUsedAt === null ? "never" : <Time iso={t.lastUsedAt} />}</td>
                    <td>{t.expiresAt === null ? "never" : <Time iso={t.expiresAt} />}</td>
                    <td>
                      <TokenState t={t} />
                    </td>
                    <td>
                      {t.revokedAt === null && (
                        <button
                          type="button"
                          className="btn btn-danger-ghost btn-small"
                          onClick={() => revoke(t)}
                          aria-label={`Revoke ${t.name}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Notifications onChange={() => setChanges((c) => c + 1)} />
      <AuditLog refreshKey={changes} />
    </>
  );
}
