// Choose a person, group, account or permission set by name (issue 17 defect 10): type part of a
// name, pick one of the matches the list APIs return; the filter then holds its id. The choice
// shows as a chip with its name and a button to clear it.
import { useEffect, useId, useState, type ReactElement } from "react";
import { api } from "../api/client.js";
import { paths } from "../api/endpoints.js";
import { explorePaths } from "../api/explore.js";
import type { AccountListResponse, GroupListResponse, PermissionSetListResponse } from "../api/explore.js";
import type { UserListResponse } from "../api/types.js";
import { Icon } from "./icons.js";

export type EntityKind = "user" | "group" | "account" | "permissionSet";

export interface Choice {
  id: string;
  label: string;
  note: string | null;
}

const LIMIT = 8;

/** Matches of `term` among the connections' entities of one kind, from the list APIs. */
async function search(kind: EntityKind, term: string, connectionIds: string[]): Promise<Choice[]> {
  if (kind === "user") {
    const r = await api<UserListResponse>(
      paths.users({
        q: term,
        limit: LIMIT,
        ...(connectionIds.length === 1 ? { connectionId: connectionIds[0] } : {}),
      }),
    );
    return r.items.map((u) => ({ id: u.userId, label: u.userName, note: u.displayName }));
  }
  const per = await Promise.all(
    connectionIds.map(async (c): Promise<Choice[]> => {
      const q = { q: term, limit: LIMIT };
      if (kind === "group") {
        const r = await api<GroupListResponse>(explorePaths.groups(c, q));
        return r.items.map((g) => ({ id: g.groupId, label: g.displayName ?? g.groupId, note: null }));
      }
      if (kind === "account") {
        const r = await api<AccountListResponse>(explorePaths.accounts(c, q));
        return r.items.map((a) => ({ id: a.accountId, label: a.name ?? a.accountId, note: a.accountId }));
      }
      const r = await api<PermissionSetListResponse>(explorePaths.permissionSets(c, q));
      return r.items.map((p) => ({ id: p.arn, label: p.name ?? p.arn, note: null }));
    }),
  );
  const seen = new Set<string>();
  return per
    .flat()
    .filter((c) => !seen.has(c.id) && seen.add(c.id) !== undefined)
    .slice(0, LIMIT);
}

export function EntityPicker(props: {
  kind: EntityKind;
  label: string;
  /** The chosen id ("" for none) and the name it was chosen by. */
  value: string;
  valueLabel: string;
  connectionIds: string[];
  onChange: (choice: Choice | null) => void;
}): ReactElement {
  const id = useId();
  const [term, setTerm] = useState("");
  const [matches, setMatches] = useState<Choice[] | undefined>();
  const { kind, connectionIds } = props;
  const key = connectionIds.join(",");

  useEffect(() => {
    const t = term.trim();
    if (t === "" || key === "") {
      setMatches(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      search(kind, t, key.split(",")).then(
        (found) => live && setMatches(found),
        () => live && setMatches([]),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [term, kind, key]);

  if (props.value !== "") {
    return (
      <div className="filter">
        <span className="filter-label" id={`${id}-label`}>
          {props.label}
        </span>
        <span className="chip">
          {props.valueLabel === "" ? props.value : props.valueLabel}
          <button
            type="button"
            className="icon-button"
            aria-label={`Clear the ${props.label.toLowerCase()} filter`}
            onClick={() => props.onChange(null)}
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      </div>
    );
  }
  return (
    <div className="filter entity-picker">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="search"
        autoComplete="off"
        placeholder="Type a name…"
        value={term}
        onChange={(e) => setTerm(e.target.value)}
      />
      {matches !== undefined && (
        <ul className="picker-matches" aria-label={`${props.label} matches`}>
          {matches.length === 0 && <li className="muted">No match</li>}
          {matches.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="picker-match"
                onClick={() => {
                  setTerm("");
                  props.onChange(m);
                }}
              >
                {m.label}
                {m.note !== null && m.note !== m.label && <span className="muted"> · {m.note}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
