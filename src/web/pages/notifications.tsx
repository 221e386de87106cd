// Settings, Notifications (issue 16): subscribe a webhook or a Slack incoming webhook to changes
// and findings (its signing secret shown once), send a test, rotate the secret, enable again
// after a 410 Gone, remove; each subscription's delivery log with Redeliver.
import { useState, type FormEvent, type ReactElement } from "react";
import {
  createSubscription,
  paths,
  redeliver,
  removeSubscription,
  rotateSubscriptionSecret,
  setSubscriptionEnabled,
  testSubscription,
} from "../api/endpoints.js";
import type { ApiError } from "../api/client.js";
import type {
  CreateSubscriptionBody,
  DeliveryListResponse,
  SubscriptionListResponse,
  SubscriptionView,
} from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { CopyBlock } from "../components/copy-button.js";
import { Field } from "../components/field.js";
import { Alert, Badge, Card, ErrorMessage, Loading, Time } from "../components/ui.js";

/** What to send, as the form offers it (the API takes any filter). */
const SENDS = {
  all: { label: "Every change and finding", filter: {} },
  findings: {
    label: "Findings opened and resolved",
    filter: { changeKinds: ["finding.opened", "finding.resolved"] },
  },
  high: {
    label: "High-severity findings opened",
    filter: { changeKinds: ["finding.opened"], minSeverity: "high" },
  },
} satisfies Record<string, { label: string; filter: CreateSubscriptionBody["filter"] }>;
type Send = keyof typeof SENDS;

function filterText(s: SubscriptionView): string {
  const f = s.filter;
  const parts = [
    f.changeKinds.length > 0 ? f.changeKinds.join(", ") : "every change",
    f.findingRules.length > 0 ? `rules ${f.findingRules.join(", ")}` : "",
    f.minSeverity !== null ? `severity ${f.minSeverity} and up` : "",
    f.connectionIds.length > 0 ? `${f.connectionIds.length} connection(s)` : "",
  ];
  return parts.filter((p) => p !== "").join("; ");
}

function AddForm({ onCreated }: { onCreated: (secret: string) => void }): ReactElement {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"webhook" | "slack">("webhook");
  const [url, setUrl] = useState("");
  const [send, setSend] = useState<Send>("all");
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    createSubscription({ name, kind, url, filter: SENDS[send].filter }).then(
      (created) => {
        setBusy(false);
        setName("");
        setUrl("");
        onCreated(created.secret);
      },
      (err: ApiError) => {
        setBusy(false);
        setError(err.message);
      },
    );
  };
  return (
    <form className="token-form" onSubmit={submit} aria-label="Add a notification">
      <Field label="Name" hint="e.g. 'Security channel'.">
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
      <Field label="Destination" hint="A webhook gets signed JSON (docs/webhooks.md); Slack, a message.">
        {({ id, describedBy }) => (
          <select
            id={id}
            value={kind}
            onChange={(e) => setKind(e.target.value === "slack" ? "slack" : "webhook")}
            aria-describedby={describedBy}
          >
            <option value="webhook">Webhook (HTTPS)</option>
            <option value="slack">Slack incoming webhook</option>
          </select>
        )}
      </Field>
      <Field
        label="URL"
        hint={kind === "slack" ? "https://hooks.slack.com/services/..." : "A public https URL."}
      >
        {({ id, describedBy }) => (
          <input
            id={id}
            type="url"
            value={url}
            maxLength={2000}
            required
            onChange={(e) => setUrl(e.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <Field label="Send">
        {({ id, describedBy }) => (
          <select
            id={id}
            value={send}
            onChange={(e) => setSend(e.target.value as Send)}
            aria-describedby={describedBy}
          >
            {Object.entries(SENDS).map(([key, s]) => (
              <option key={key} value={key}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {error !== undefined && <Alert tone="danger">{error}</Alert>}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Add notification
      </button>
    </form>
  );
}

function DeliveryLog({
  subscription,
  onChange,
}: {
  subscription: SubscriptionView;
  onChange: () => void;
}): ReactElement {
  const log = useApi<DeliveryListResponse>(paths.deliveries(subscription.id));
  const [error, setError] = useState<string | undefined>(undefined);
  const again = (eventId: string) =>
    redeliver(eventId).then(
      () => {
        log.reload();
        onChange();
      },
      (err: ApiError) => setError(err.message),
    );
  return (
    <div className="table-wrap">
      {error !== undefined && <Alert tone="danger">{error}</Alert>}
      {log.error !== undefined && <ErrorMessage error={log.error} retry={log.reload} />}
      {log.data === undefined && log.error === undefined && <Loading />}
      {log.data !== undefined && (
        <table className="table" aria-label={`Deliveries of ${subscription.name}`}>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last response</th>
              <th scope="col">Last attempt</th>
              <th scope="col">
                <button type="button" className="btn btn-ghost btn-small" onClick={log.reload}>
                  Refresh
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {log.data.items.length === 0 && (
              <tr>
                <td colSpan={6}>No events yet: they come with the next sync that changes something.</td>
              </tr>
            )}
            {log.data.items.map((d) => (
              <tr key={d.id}>
                <td>{d.type === "notification.test" ? "Test" : "Sync changes"}</td>
                <td>
                  <Badge
                    tone={d.status === "delivered" ? "success" : d.status === "failed" ? "danger" : "warning"}
                  >
                    {d.status}
                  </Badge>
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "—")}</td>
                <td>{d.lastAttemptAt === null ? "—" : <Time iso={d.lastAttemptAt} />}</td>
                <td>
                  {d.status !== "pending" && (
                    <button
                      type="button"
                      className="btn btn-ghost btn-small"
                      onClick={() => void again(d.id)}
                    >
                      Redeliver
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function Notifications({ onChange }: { onChange: () => void }): ReactElement {
  const subs = useApi<SubscriptionListResponse>(paths.subscriptions);
  const [secret, setSecret] = useState<{ label: string; value: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  const done = () => {
    subs.reload();
    onChange();
  };
  const act = <T,>(p: Promise<T>, then: (v: T) => void = () => undefined) =>
    p.then(
      (v) => {
        setError(undefined);
        then(v);
        done();
      },
      (err: ApiError) => setError(err.message),
    );
  return (
    <>
      <Card title="Add a notification" labelledBy="add-notification">
        <AddForm
          onCreated={(value) => {
            setSecret({ label: "The signing secret (shown this once)", value });
            done();
          }}
        />
        {secret !== null && <CopyBlock label={secret.label} value={secret.value} />}
      </Card>
      <Card title="Notifications" labelledBy="notifications" flush>
        {error !== undefined && <Alert tone="danger">{error}</Alert>}
        {note !== undefined && <Alert tone="info">{note}</Alert>}
        {subs.error !== undefined && <ErrorMessage error={subs.error} retry={subs.reload} />}
        {subs.data === undefined && subs.error === undefined && <Loading />}
        {subs.data !== undefined && (
          <div className="table-wrap">
            <table className="table" aria-label="Notifications">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Destination</th>
                  <th scope="col">Sends</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {subs.data.items.length === 0 && (
                  <tr>
                    <td colSpan={5}>No notifications yet.</td>
                  </tr>
                )}
                {subs.data.items.map((s) => (
                  <tr key={s.id}>
                    <td>
                      {s.name}
                      <div className="muted">
                        Added <Time iso={s.createdAt} />
                      </div>
                    </td>
                    <td>
                      {s.kind === "slack" ? "Slack" : "Webhook"} <code>{s.url}</code>
                    </td>
                    <td>{filterText(s)}</td>
                    <td>
                      {s.enabled ? (
                        <Badge tone="success">Enabled</Badge>
                      ) : (
                        <Badge tone="warning">Disabled</Badge>
                      )}
                      {s.disabledReason !== null && <div className="muted">{s.disabledReason}</div>}
                    </td>
                    <td className="actions">
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        onClick={() =>
                          void act(testSubscription(s.id), () =>
                            setNote(`Test event sent to ${s.name}; see its deliveries.`),
                          )
                        }
                      >
                        Send test
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        aria-expanded={open === s.id}
                        onClick={() => setOpen(open === s.id ? null : s.id)}
                      >
                        Deliveries
                      </button>
                      {s.kind === "webhook" && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() => {
                            if (
                              window.confirm(
                                `Rotate the secret of "${s.name}"? The old one stops signing at once.`,
                              )
                            )
                              void act(rotateSubscriptionSecret(s.id), (r) =>
                                setSecret({
                                  label: `The new signing secret of ${s.name} (shown this once)`,
                                  value: r.secret,
                                }),
                              );
                          }}
                        >
                          Rotate secret
                        </button>
                      )}
                      {!s.enabled && (
                        <button
                          type="button"
                          className="btn btn-ghost btn-small"
                          onClick={() => void act(setSubscriptionEnabled(s.id, true))}
                        >
                          Enable
                        </button>
                      )}
                      <button
                        type="button"
                        className="btn btn-danger-ghost btn-small"
                        aria-label={`Remove ${s.name}`}
                        onClick={() => {
                          if (window.confirm(`Remove "${s.name}" and its delivery log?`))
                            void act(removeSubscription(s.id));
                        }}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {subs.data.items
              .filter((s) => s.id === open)
              .map((s) => (
                <DeliveryLog key={`${s.id}-log`} subscription={s} onChange={onChange} />
              ))}
          </div>
        )}
      </Card>
    </>
  );
}
