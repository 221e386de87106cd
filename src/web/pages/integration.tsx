// The integration's page: its connections (several Identity Center instances) and the
// Integration Capabilities table.
import { useState, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { Connection, IntegrationListResponse, Organization } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { StateBadge } from "../components/connection-status.js";
import { IdentityCenterMark } from "../components/icons.js";
import { EmptyState, ErrorMessage, Loading, PageHeader } from "../components/ui.js";
import { ConnectDialog } from "./connect-dialog.js";
import { ConnectionCard } from "./connection-card.js";
import { CapabilitiesTable } from "./capabilities.js";

export function IntegrationPage({
  integrationKey,
}: {
  integrationKey: string;
  organization: Organization;
}): ReactElement {
  const list = useApi<IntegrationListResponse>(paths.integrations, {
    pollWhile: (d) =>
      d.items.some((i) => i.connections.some((c) => c.state === "pending" || c.state === "syncing")),
  });
  const [dialog, setDialog] = useState<{ editing?: Connection } | undefined>();

  if (list.error !== undefined) return <ErrorMessage error={list.error} retry={list.reload} />;
  if (list.data === undefined) return <Loading />;
  const integration = list.data.items.find((i) => i.key === integrationKey);
  if (integration === undefined)
    return (
      <EmptyState
        icon="alert"
        title="Unknown integration"
        action={
          <a className="btn btn-secondary" href="#/integrations">
            Back to Integrations
          </a>
        }
      >
        There is no integration named “{integrationKey}”.
      </EmptyState>
    );

  return (
    <>
      <PageHeader
        back={{ href: "#/integrations", label: "Integrations" }}
        icon={<IdentityCenterMark size={44} />}
        title={
          <span className="title-with-badge">
            {integration.name} <StateBadge state={integration.state} />
          </span>
        }
        description={integration.description}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setDialog({})}>
            Connect
          </button>
        }
      />
      <section className="section" aria-labelledby="connections-title">
        <h2 id="connections-title" className="section-title">
          Connections <span className="count-pill">{integration.connections.length}</span>
        </h2>
        {integration.connections.length === 0 ? (
          <EmptyState
            icon="plug"
            title="No Identity Center instance connected"
            action={
              <button type="button" className="btn btn-primary" onClick={() => setDialog({})}>
                Connect
              </button>
            }
          >
            Connect an instance to see its users, groups, permission sets, accounts and who can reach what.
          </EmptyState>
        ) : (
          <div className="stack">
            {integration.connections.map((c) => (
              <ConnectionCard
                key={c.id}
                connection={c}
                onChanged={list.reload}
                onEdit={(editing) => setDialog({ editing })}
              />
            ))}
          </div>
        )}
      </section>
      <section className="section">
        <CapabilitiesTable integration={integration.key} connections={integration.connections} />
      </section>
      <ConnectDialog
        open={dialog !== undefined}
        editing={dialog?.editing}
        onClose={() => setDialog(undefined)}
        onSaved={list.reload}
      />
    </>
  );
}
