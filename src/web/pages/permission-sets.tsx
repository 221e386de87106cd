// Permission sets of a connection: the accounts each is assigned on and who holds it.
import type { ReactElement } from "react";
import type { PermissionSetListItem } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { entityHref } from "../components/entity-link.js";
import { Truncate } from "../components/ui.js";
import { formatCount } from "../format.js";
import { ExploreList } from "./explore-list.js";

const SORTS = ["name", "accounts", "users"] as const;

export function PermissionSetsPage({ query }: { query: URLSearchParams }): ReactElement {
  return (
    <ExploreList<PermissionSetListItem, (typeof SORTS)[number]>
      title="Permission sets"
      description="What each permission set grants, on how many accounts, and how many people hold it."
      path="/permission-sets"
      list="permission-sets"
      what="permission sets"
      icon="key"
      searchPlaceholder="Search by name, description or ARN"
      sorts={SORTS}
      query={query}
      fetchPath={explorePaths.permissionSets}
      rowKey={(p) => p.arn}
      columns={[
        {
          label: "Permission set",
          sort: "name",
          cell: (p, c) => (
            <>
              <a className="cell-strong" href={entityHref.permissionSet(c, p.arn)} title={p.arn}>
                <Truncate text={p.name} />
              </a>
              {p.description !== null && (
                <div className="cell-note">
                  <Truncate text={p.description} />
                </div>
              )}
            </>
          ),
        },
        { label: "Session", className: "hide-sm nowrap", cell: (p) => p.sessionDuration ?? "—" },
        { label: "Accounts", sort: "accounts", className: "num", cell: (p) => formatCount(p.accounts) },
        { label: "Users", sort: "users", className: "num", cell: (p) => formatCount(p.users) },
      ]}
    />
  );
}
