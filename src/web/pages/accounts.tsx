// AWS accounts of a connection: name, status, tags, permission sets assigned and who can reach it.
import type { ReactElement } from "react";
import type { AccountListItem } from "../api/explore.js";
import { explorePaths } from "../api/explore.js";
import { entityHref } from "../components/entity-link.js";
import { TagList } from "../components/tag-list.js";
import { Badge, Truncate } from "../components/ui.js";
import { formatCount } from "../format.js";
import { ExploreList } from "./explore-list.js";

const SORTS = ["name", "id", "permissionSets", "users"] as const;

export function AccountsPage({ query }: { query: URLSearchParams }): ReactElement {
  return (
    <ExploreList<AccountListItem, (typeof SORTS)[number]>
      title="Accounts"
      description="The organization's AWS accounts, their tags, and who can reach each with which permission sets."
      path="/accounts"
      list="accounts"
      what="accounts"
      icon="building"
      searchPlaceholder="Search name, ID, email or tag"
      sorts={SORTS}
      query={query}
      fetchPath={explorePaths.accounts}
      rowKey={(a) => a.accountId}
      columns={[
        {
          label: "Account",
          sort: "name",
          cell: (a, c) => (
            <>
              <a className="cell-strong" href={entityHref.account(c, a.accountId)}>
                <Truncate text={a.name ?? a.accountId} />
              </a>
              {a.email !== null && (
                <div className="cell-note">
                  <Truncate text={a.email} />
                </div>
              )}
            </>
          ),
        },
        { label: "Account ID", sort: "id", className: "mono nowrap hide-sm", cell: (a) => a.accountId },
        {
          label: "Status",
          className: "hide-sm",
          cell: (a) =>
            a.status === null ? (
              <span className="muted">—</span>
            ) : (
              <Badge tone={a.status === "ACTIVE" ? "success" : "warning"}>{a.status}</Badge>
            ),
        },
        { label: "Tags", className: "hide-md", cell: (a) => <TagList tags={a.tags} /> },
        {
          label: "Permission sets",
          sort: "permissionSets",
          className: "num hide-sm",
          cell: (a) => formatCount(a.permissionSets),
        },
        { label: "Users", sort: "users", className: "num", cell: (a) => formatCount(a.users) },
      ]}
    />
  );
}
