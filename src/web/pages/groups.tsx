// Groups of a connection: name and description, members, assignments.
import type { ReactElement } from "react";
import type { GroupListItem } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { entityHref } from "../components/entity-link.js";
import { Truncate } from "../components/ui.js";
import { formatCount } from "../format.js";
import { ExploreList } from "./explore-list.js";

const SORTS = ["name", "members", "assignments"] as const;

export function GroupsPage({ query }: { query: URLSearchParams }): ReactElement {
  return (
    <ExploreList<GroupListItem, (typeof SORTS)[number]>
      title="Groups"
      description="Identity Center groups, how many people each holds, and the account assignments made to it."
      path="/groups"
      list="groups"
      what="groups"
      icon="users"
      searchPlaceholder="Search by name, description or ID"
      sorts={SORTS}
      query={query}
      fetchPath={explorePaths.groups}
      rowKey={(g) => g.groupId}
      columns={[
        {
          label: "Group",
          sort: "name",
          cell: (g, c) => (
            <>
              <a className="cell-strong" href={entityHref.group(c, g.groupId)}>
                <Truncate text={g.displayName ?? g.groupId} />
              </a>
              {g.description !== null && (
                <div className="cell-note">
                  <Truncate text={g.description} />
                </div>
              )}
            </>
          ),
        },
        { label: "Members", sort: "members", className: "num", cell: (g) => formatCount(g.members) },
        {
          label: "Assignments",
          sort: "assignments",
          className: "num hide-sm",
          cell: (g) => formatCount(g.assignments),
        },
      ]}
    />
  );
}
