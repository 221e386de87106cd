// The Integration Capabilities table: what the integration syncs and whether each item is
// available now for this organization's connections (an item blocked by a missing IAM permission
// names the action).
import type { ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { CapabilitiesResponse, Connection } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { Badge, Card, ErrorMessage, Loading, type Tone } from "../components/ui.js";

/** Which capability words an IAM action feeds; matched against capability names (lower case). */
const ACTION_FEEDS: [RegExp, string[]][] = [
  [/^sso:ListInstances$/, ["*"]],
  [/^identitystore:(ListUsers|DescribeUser)$/, ["user", "status", "name", "email", "license", "access"]],
  [/^identitystore:(ListGroups|DescribeGroup)$/, ["group", "access"]],
  [/^identitystore:ListGroupMemberships/, ["group", "membership", "access"]],
  [/^sso:(ListAccountAssignments|ListPermissionSetsProvisionedToAccount)/, ["assignment", "access"]],
  [/^sso:/, ["permission set"]],
  [/^organizations:/, ["account"]],
];

function feeds(action: string, capability: string): boolean {
  const name = capability.toLowerCase();
  const words = ACTION_FEEDS.find(([re]) => re.test(action))?.[1] ?? [];
  return words.some((w) => w === "*" || name.includes(w));
}

export interface Availability {
  tone: Tone;
  label: string;
  note?: string;
}

export function availability(
  capability: { name: string; supported: boolean },
  connections: Connection[],
): Availability {
  if (!capability.supported) return { tone: "neutral", label: "Not supported" };
  if (connections.length === 0) return { tone: "neutral", label: "Not connected" };
  const blocked = connections.filter(
    (c) => c.state === "error" && c.lastError?.action != null && feeds(c.lastError.action, capability.name),
  );
  const first = blocked[0];
  if (first !== undefined) {
    const note = `Missing permission ${first.lastError?.action ?? ""}`;
    // Other connections still deliver the item: partial, naming the one that lacks the permission.
    if (blocked.length < connections.length)
      return { tone: "warning", label: "Partial", note: `${note} (${first.name})` };
    return { tone: "danger", label: "Unavailable", note };
  }
  for (const c of connections)
    for (const w of c.lastWarnings)
      if (w.action !== null && feeds(w.action, capability.name))
        return {
          tone: "warning",
          label: "Partial",
          note: `Missing permission ${w.action}${connections.length > 1 ? ` (${c.name})` : ""}`,
        };
  if (connections.some((c) => c.lastSyncedAt !== null)) return { tone: "success", label: "Available" };
  if (connections.some((c) => c.state === "error"))
    return { tone: "danger", label: "Unavailable", note: "The first sync failed" };
  return { tone: "info", label: "After the first sync" };
}

export function CapabilitiesTable({
  integration,
  connections,
}: {
  integration: string;
  connections: Connection[];
}): ReactElement {
  const caps = useApi<CapabilitiesResponse>(paths.capabilities(integration));
  return (
    <Card title="Integration Capabilities" labelledBy="capabilities-title" flush>
      {caps.error !== undefined && <ErrorMessage error={caps.error} retry={caps.reload} />}
      {caps.data === undefined && caps.error === undefined && <Loading />}
      {caps.data !== undefined && (
        <div className="table-wrap">
          <table className="table" aria-labelledby="capabilities-title">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="hide-sm">
                  What idc-sync reads
                </th>
                <th scope="col">Supported</th>
                <th scope="col">Available now</th>
              </tr>
            </thead>
            <tbody>
              {caps.data.items.map((cap) => {
                const a = availability(cap, connections);
                return (
                  <tr key={cap.name}>
                    <th scope="row" className="cell-strong">
                      {cap.name}
                      <div className="cell-note show-sm">{cap.description}</div>
                    </th>
                    <td className="muted hide-sm">{cap.description}</td>
                    <td>{cap.supported ? <Badge tone="success">Yes</Badge> : <Badge>No</Badge>}</td>
                    <td>
                      <Badge tone={a.tone}>{a.label}</Badge>
                      {a.note !== undefined && <div className="cell-note">{a.note}</div>}
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
