// How a user reaches an account with a permission set: directly, or via a group (a link to the
// group's page when the connection is known).
import type { ReactElement } from "react";
import type { AccessPathView } from "../api/types.js";
import { entityHref } from "./entity-link.js";

export function AccessPaths({
  via,
  connectionId,
}: {
  via: AccessPathView[];
  connectionId?: string;
}): ReactElement {
  return (
    <ul className="path-list">
      {via.map((p) => (
        <li key={p.type === "DIRECT" ? "direct" : p.groupId}>
          {p.type === "DIRECT" ? (
            <span className="path path-direct">Direct</span>
          ) : (
            <span className="path path-group" title={p.groupId}>
              via group{" "}
              {connectionId === undefined ? (
                <strong>{p.groupName ?? p.groupId}</strong>
              ) : (
                <a href={entityHref.group(connectionId, p.groupId)}>
                  <strong>{p.groupName ?? p.groupId}</strong>
                </a>
              )}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
