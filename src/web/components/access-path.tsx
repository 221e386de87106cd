// How a user reaches an account with a permission set: directly, or via a group.
import type { ReactElement } from "react";
import type { AccessPathView } from "../api/types.js";

export function AccessPaths({ via }: { via: AccessPathView[] }): ReactElement {
  return (
    <ul className="path-list">
      {via.map((p) => (
        <li key={p.type === "DIRECT" ? "direct" : p.groupId}>
          {p.type === "DIRECT" ? (
            <span className="path path-direct">Direct</span>
          ) : (
            <span className="path path-group" title={p.groupId}>
              via group <strong>{p.groupName ?? p.groupId}</strong>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
