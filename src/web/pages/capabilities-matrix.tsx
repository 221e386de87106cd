// The Integration Capabilities button of the Integrations page (issue 17 defect 15): on a tile for
// that integration, and one at the top for all of them. It opens the table with one column per
// connection, saying what each capability gives now for that connection (from its last sync).
import { useEffect, useState, type ReactElement } from "react";
import { api, type ApiError } from "../api/client.js";
import { paths } from "../api/endpoints.js";
import type { CapabilitiesResponse, Capability, Integration } from "../api/types.js";
import { Dialog } from "../components/dialog.js";
import { Icon } from "../components/icons.js";
import { Badge, ErrorMessage, Loading } from "../components/ui.js";
import { availabilityBadge } from "./capabilities.js";

interface Column {
  id: string;
  name: string;
  items: Capability[];
}

/** Every connection's capabilities, fetched together when the dialog opens. */
function useColumns(integration: Integration, open: boolean) {
  const [state, setState] = useState<{ columns?: Column[]; error?: ApiError }>({});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!open) return;
    let live = true;
    setState({});
    Promise.all(
      integration.connections.map(async (c) => ({
        id: c.id,
        name: c.name,
        items: (await api<CapabilitiesResponse>(paths.capabilities(integration.key, c.id))).items,
      })),
    ).then(
      (columns) => live && setState({ columns }),
      (error: unknown) => live && setState({ error: error as ApiError }),
    );
    return () => {
      live = false;
    };
  }, [integration, open, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

function IntegrationMatrix({ integration, open }: { integration: Integration; open: boolean }): ReactElement {
  const { columns, error, reload } = useColumns(integration, open);
  const titleId = `caps-${integration.key}`;
  if (integration.connections.length === 0) {
    return (
      <section aria-labelledby={titleId}>
        <h3 id={titleId}>{integration.name}</h3>
        <p className="muted">Not connected: connect it to see what it syncs.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby={titleId} className="caps-matrix">
      <h3 id={titleId}>{integration.name}</h3>
      {error !== undefined && <ErrorMessage error={error} retry={reload} />}
      {columns === undefined && error === undefined && <Loading />}
      {columns !== undefined && (
        // Focusable: the dialog scrolls, and keyboard users must be able to scroll it.
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label={`${integration.name} capabilities`}
        >
          <table className="table" aria-label={`${integration.name} capabilities by connection`}>
            <thead>
              <tr>
                <th scope="col">Item</th>
                {columns.map((c) => (
                  <th scope="col" key={c.id}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(columns[0]?.items ?? []).map((cap) => (
                <tr key={cap.key}>
                  <th scope="row" className="cell-strong">
                    {cap.name}
                    <div className="cell-note">{cap.description}</div>
                  </th>
                  {columns.map((c) => {
                    const mine = c.items.find((i) => i.key === cap.key);
                    if (mine === undefined) return <td key={c.id}>—</td>;
                    const badge = availabilityBadge(mine);
                    return (
                      <td key={c.id}>
                        <Badge tone={badge.tone}>{badge.label}</Badge>
                        {mine.note !== null && <div className="cell-note">{mine.note}</div>}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The button and its dialog, for one integration or (several given) all of them. */
export function CapabilitiesButton(props: {
  integrations: Integration[];
  label: string;
  /** The accessible name, when the visible label is shared (a tile's button names its integration). */
  ariaLabel?: string;
  className?: string;
}): ReactElement {
  const [open, setOpen] = useState(false);
  const single = props.integrations.length === 1 ? props.integrations[0] : undefined;
  return (
    <>
      <button
        type="button"
        className={props.className ?? "btn btn-secondary"}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={props.ariaLabel}
      >
        <Icon name="activity" size={14} /> {props.label}
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        size="large"
        title={single === undefined ? "Integration Capabilities" : `Integration Capabilities: ${single.name}`}
        description="What each capability gives now, per connection, from its last sync."
      >
        {props.integrations.map((i) => (
          <IntegrationMatrix key={i.key} integration={i} open={open} />
        ))}
      </Dialog>
    </>
  );
}
