// The Integration Capabilities table: one row per item the integration syncs and whether it is
// available now, exactly as the server computes it from the connections' last syncs (an item
// unavailable for a missing IAM permission names the action). With several connections, one can
// be picked; "All connections" shows an item as available only when every connection has it.
import { useEffect, useRef, useState, type ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { CapabilitiesResponse, Capability, Connection } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { ConnectionPicker } from "../components/connection-picker.js";
import { ProblemView } from "../components/connection-status.js";
import { Badge, Card, ErrorMessage, Loading, type Tone } from "../components/ui.js";

const STATE_BADGES: Record<Capability["state"], { tone: Tone; label: string }> = {
  available: { tone: "success", label: "Available" },
  partial: { tone: "warning", label: "Partial" },
  stale: { tone: "warning", label: "Last sync failed" },
  missing_permission: { tone: "danger", label: "Missing permission" },
  not_synced: { tone: "neutral", label: "Not synced yet" },
  unavailable: { tone: "neutral", label: "Not available" },
};

/** The badge of a capability's state, as the server computed it from what each action gave. */
export function availabilityBadge(c: Pick<Capability, "state">): { tone: Tone; label: string } {
  return STATE_BADGES[c.state];
}

/** Changes whenever a connection's sync outcome may have changed what is available. */
function outcomeKey(connections: Connection[]): string {
  return connections.map((c) => `${c.id}:${c.state}:${c.lastRunId ?? ""}`).join("|");
}

export function CapabilitiesTable({
  integration,
  connections,
}: {
  integration: string;
  connections: Connection[];
}): ReactElement {
  const [picked, setPicked] = useState("");
  const connectionId = connections.some((c) => c.id === picked) ? picked : "";
  const caps = useApi<CapabilitiesResponse>(
    paths.capabilities(integration, connectionId === "" ? undefined : connectionId),
  );
  const key = outcomeKey(connections);
  const shownFor = useRef(key);
  const { reload } = caps;
  useEffect(() => {
    if (shownFor.current === key) return;
    shownFor.current = key;
    reload();
  }, [key, reload]);

  return (
    <Card
      title="Integration Capabilities"
      labelledBy="capabilities-title"
      flush
      actions={
        <ConnectionPicker
          connections={{ items: connections }}
          value={connectionId}
          onChange={setPicked}
          allowAll
        />
      }
    >
      {caps.error !== undefined && <ErrorMessage error={caps.error} retry={caps.reload} />}
      {caps.data === undefined && caps.error === undefined && <Loading />}
      {caps.data?.problem != null && (
        <div className="pad">
          <ProblemView problem={caps.data.problem} />
        </div>
      )}
      {caps.data !== undefined && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="capabilities-title">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="hide-sm">
                  What idc-sync reads
                </th>
                <th scope="col">Available now</th>
              </tr>
            </thead>
            <tbody>
              {caps.data.items.map((cap) => {
                const badge = availabilityBadge(cap);
                return (
                  <tr key={cap.key}>
                    <th scope="row" className="cell-strong">
                      {cap.name}
                      <div className="cell-note show-sm">{cap.description}</div>
                    </th>
                    <td className="muted hide-sm">{cap.description}</td>
                    <td>
                      <Badge tone={badge.tone}>{badge.label}</Badge>
                      {cap.note !== null && <div className="cell-note">{cap.note}</div>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
