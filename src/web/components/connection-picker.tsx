// A select of the organization's connections, for pages that filter by one.
import type { ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { ConnectionListResponse } from "../api/types.js";
import { useApi, type Resource } from "../api/use-api.js";

export function useConnections(): Resource<ConnectionListResponse> {
  return useApi<ConnectionListResponse>(paths.connections);
}

export function ConnectionPicker(props: {
  connections: ConnectionListResponse | undefined;
  value: string;
  onChange: (id: string) => void;
  /** Offer "All connections" (the empty value). */
  allowAll: boolean;
}): ReactElement | null {
  const items = props.connections?.items ?? [];
  if (props.allowAll && items.length < 2) return null;
  return (
    <div className="filter">
      <label htmlFor="connection-filter">Connection</label>
      <select id="connection-filter" value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.allowAll && <option value="">All connections</option>}
        {items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
