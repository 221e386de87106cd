// The Integrations page: one tile per integration with its state; Connect opens the dialog.
import { useState, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { Integration, IntegrationListResponse, Organization } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ProblemView, StateBadge, StatusLine } from "../components/connection-status.js";
import { IdentityCenterMark } from "../components/icons.js";
import { ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { formatCount, plural } from "../format.js";
import { href } from "../router.js";
import { FindingCountsLine } from "./finding-parts.js";
import { CapabilitiesButton } from "./capabilities-matrix.js";
import { ConnectDialog } from "./connect-dialog.js";

const busy = (i: Integration) => i.connections.some((c) => c.state === "pending" || c.state === "syncing");

function lastSync(i: Integration): string | null {
  const times = i.connections.map((c) => c.lastSyncedAt).filter((t): t is string => t !== null);
  return times.length === 0 ? null : times.reduce((a, b) => (a > b ? a : b));
}

function IntegrationTile({
  integration,
  onConnect,
}: {
  integration: Integration;
  onConnect: () => void;
}): ReactElement {
  const i = integration;
  const failing = i.connections.find((c) => c.state === "error" && c.lastError !== null);
  const users = i.connections.reduce((n, c) => n + (c.counts?.users ?? 0), 0);
  const anyCounts = i.connections.some((c) => c.counts !== null);
  const titleId = `tile-${i.key}`;
  return (
    <article className="tile" aria-labelledby={titleId}>
      <div className="tile-head">
        <IdentityCenterMark />
        <div className="tile-title">
          <h2 id={titleId}>
            <a href={href(`/integrations/${i.key}`)}>{i.name}</a>
          </h2>
          <StateBadge state={i.state} />
        </div>
      </div>
      <p className="tile-description">{i.description}</p>
      <div className="tile-status">
        {i.connections.length <= 1 ? (
          <>
            <StatusLine
              state={i.state}
              lastSyncedAt={lastSync(i)}
              progress={i.connections[0]?.progress}
              label={`${i.name} sync progress`}
            />
            {failing?.lastError != null && <ProblemView problem={failing.lastError} />}
          </>
        ) : (
          <ul className="tile-connections" aria-label="Connections">
            {i.connections.map((c) => (
              <li key={c.id} className="tile-connection">
                <span className="tile-connection-name">{c.name}</span>
                <StatusLine
                  state={c.state}
                  lastSyncedAt={c.lastSyncedAt}
                  progress={c.progress}
                  label={`${c.name} sync progress`}
                />
                {c.state === "error" && c.lastError !== null && <ProblemView problem={c.lastError} />}
              </li>
            ))}
          </ul>
        )}
        {i.connections.length > 0 && (
          <p className="tile-meta">
            {plural(i.connections.length, "connection")}
            {anyCounts && <> · {formatCount(users)} users</>}
            {anyCounts && (
              <>
                {" · "}
                <FindingCountsLine counts={i.findings} />
              </>
            )}
          </p>
        )}
      </div>
      <div className="tile-actions">
        <CapabilitiesButton
          integrations={[i]}
          label="Integration Capabilities"
          ariaLabel={`Integration Capabilities of ${i.name}`}
        />
        {i.connections.length > 0 && (
          <a className="btn btn-secondary" href={href(`/integrations/${i.key}`)}>
            Manage
          </a>
        )}
        <button
          type="button"
          className={`btn ${i.connections.length > 0 ? "btn-secondary" : "btn-primary"}`}
          onClick={onConnect}
        >
          Connect
        </button>
      </div>
    </article>
  );
}

export function IntegrationsPage(_props: { organization: Organization }): ReactElement {
  const list = useApi<IntegrationListResponse>(paths.integrations, { pollWhile: (d) => d.items.some(busy) });
  const [connecting, setConnecting] = useState(false);

  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect the systems idc-sync keeps an always-current picture of: users, their status and licenses, and who can reach what."
        actions={
          list.data === undefined ? undefined : (
            <CapabilitiesButton integrations={list.data.items} label="Integration Capabilities" />
          )
        }
      />
      {list.error !== undefined && <ErrorMessage error={list.error} retry={list.reload} />}
      {list.data === undefined && list.error === undefined && <Loading />}
      {list.data !== undefined && (
        <div className="tile-grid">
          {list.data.items.map((i) => (
            <IntegrationTile key={i.key} integration={i} onConnect={() => setConnecting(true)} />
          ))}
        </div>
      )}
      <ConnectDialog open={connecting} onClose={() => setConnecting(false)} onSaved={list.reload} />
    </>
  );
}
