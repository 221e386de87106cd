// Connect (and Edit) dialog: setup documents, the values form (the checks of a refused Connect
// shown with it), then the first sync's progress until the green check or the error with its
// missing action, with the warnings the checks found.
import { useState, type ReactElement } from "react";
import { checkValues, createConnection, paths, updateConnection } from "../api/endpoints.js";
import type { Connection, CreateConnectionBody, CreatedConnection } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ProblemView, StatusLine } from "../components/connection-status.js";
import { Dialog } from "../components/dialog.js";
import { Alert } from "../components/ui.js";
import { formatCount } from "../format.js";
import { href } from "../router.js";
import type { ConnectFormValues } from "../validation.js";
import { ConnectionForm, valuesBody } from "./connection-form.js";
import { ConnectSetup } from "./connect-setup.js";

const EMPTY = {
  roleArn: "",
  region: "",
  identityStoreId: "",
  instanceArn: "",
  name: "",
  endpointUrl: "",
  scheduleMinutes: 360,
};

type Values = ConnectFormValues & { scheduleMinutes: number };

/** What the checks found missing but optional: the connection was saved all the same. */
function CheckWarnings({ created }: { created: CreatedConnection }): ReactElement | null {
  if (created.checkWarnings.length === 0) return null;
  return (
    <Alert tone="warning" title="Connected with warnings">
      <ul className="plain-list">
        {created.checkWarnings.map((w) => (
          <li key={`${w.code}-${w.action ?? ""}`}>
            {w.action !== null && (
              <>
                <code>{w.action}</code>:{" "}
              </>
            )}
            {w.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

function FirstSync({ created }: { created: CreatedConnection }): ReactElement {
  const conn = useApi<Connection>(paths.connection(created.id), {
    pollWhile: (c) => c.state === "pending" || c.state === "syncing",
  });
  const c = conn.data;
  if (c === undefined) return <StatusLine state="pending" lastSyncedAt={null} />;
  return (
    <div className="first-sync" aria-live="polite">
      <h3 className="first-sync-name">{c.name}</h3>
      <StatusLine
        state={c.state}
        lastSyncedAt={c.lastSyncedAt}
        progress={c.progress}
        label="First sync progress"
      />
      <CheckWarnings created={created} />
      {c.state === "connected" && c.counts !== null && (
        <p className="muted">
          Read {formatCount(c.counts.users)} users, {formatCount(c.counts.groups)} groups,{" "}
          {formatCount(c.counts.accounts)} accounts and {formatCount(c.counts.permissionSets)} permission
          sets.
        </p>
      )}
      {c.state === "error" && c.lastError !== null && <ProblemView problem={c.lastError} />}
    </div>
  );
}

export function ConnectDialog(props: {
  open: boolean;
  onClose: () => void;
  /** Called once the connection exists (or was saved), so lists refresh. */
  onSaved: (connection: Connection) => void;
  /** Edit this connection instead of creating one. */
  editing?: Connection | undefined;
}): ReactElement {
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedConnection | undefined>();
  const editing = props.editing;

  const close = () => {
    setCreated(undefined);
    props.onClose();
  };

  const submit = async (v: Values): Promise<void> => {
    if (editing !== undefined) {
      const saved = await updateConnection(editing.id, {
        scheduleMinutes: v.scheduleMinutes,
        ...(v.name.trim() !== "" ? { name: v.name.trim() } : {}),
        // Sent only when changed: an unchanged role and region are not re-checked.
        ...(v.roleArn.trim() !== editing.roleArn ? { roleArn: v.roleArn.trim() } : {}),
        ...(v.region !== editing.region ? { region: v.region } : {}),
      });
      props.onSaved(saved);
      close();
      return;
    }
    const body: CreateConnectionBody = {
      ...valuesBody(v),
      scheduleMinutes: v.scheduleMinutes,
      ...(v.name.trim() !== "" ? { name: v.name.trim() } : {}),
    };
    const c = await createConnection(body);
    setCreated(c);
    props.onSaved(c);
  };

  const formId = "connection-form";
  const initial: Values =
    editing === undefined
      ? EMPTY
      : {
          roleArn: editing.roleArn,
          region: editing.region,
          identityStoreId: editing.identityStoreId,
          instanceArn: editing.instanceArn,
          name: editing.name,
          endpointUrl: editing.endpointUrl ?? "",
          scheduleMinutes: editing.scheduleMinutes,
        };

  const footer =
    created !== undefined ? (
      <>
        <a className="btn btn-secondary" href={href("/users", { connection: created.id })} onClick={close}>
          View users
        </a>
        <button type="button" className="btn btn-primary" onClick={close}>
          Done
        </button>
      </>
    ) : (
      <>
        <button type="button" className="btn btn-secondary" onClick={close}>
          Cancel
        </button>
        <button type="submit" form={formId} className="btn btn-primary" disabled={busy}>
          {busy
            ? editing === undefined
              ? "Connecting…"
              : "Saving…"
            : editing === undefined
              ? "Connect"
              : "Save"}
        </button>
      </>
    );

  return (
    <Dialog
      open={props.open}
      onClose={close}
      size="large"
      title={editing === undefined ? "Connect AWS IAM Identity Center" : `Edit ${editing.name}`}
      description={
        editing === undefined
          ? "idc-sync reads users, groups, permission sets, accounts and assignments through a read-only role."
          : "Rename the connection, change how often it syncs, or point it at a new role or region."
      }
      footer={footer}
    >
      {created !== undefined ? (
        <FirstSync created={created} />
      ) : (
        <div className={editing === undefined ? "connect-layout" : undefined}>
          {editing === undefined && (
            <section className="connect-step" aria-labelledby="step-1">
              <h3 id="step-1">
                <span className="step-number" aria-hidden="true">
                  1
                </span>{" "}
                Create the read-only role
              </h3>
              <ConnectSetup />
            </section>
          )}
          <section className="connect-step" aria-labelledby="step-2">
            {editing === undefined && (
              <h3 id="step-2">
                <span className="step-number" aria-hidden="true">
                  2
                </span>{" "}
                Enter the connection details
              </h3>
            )}
            <ConnectionForm
              formId={formId}
              initial={initial}
              onSubmit={submit}
              onBusyChange={setBusy}
              valuesLocked={editing !== undefined}
              {...(editing === undefined
                ? { onTest: (v: ConnectFormValues) => checkValues(valuesBody(v)) }
                : {})}
            />
          </section>
        </div>
      )}
    </Dialog>
  );
}
