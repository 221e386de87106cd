// The explore pages' routes (groups, permission sets, accounts: lists and one of each).
import type { ReactElement } from "react";
import { match } from "../router.js";
import { AccountPage } from "./account.js";
import { AccountsPage } from "./accounts.js";
import { GroupPage } from "./group.js";
import { GroupsPage } from "./groups.js";
import { PermissionSetPage } from "./permission-set.js";
import { PermissionSetsPage } from "./permission-sets.js";

export function exploreRoute(path: string, query: URLSearchParams): ReactElement | null {
  if (path === "/groups") return <GroupsPage query={query} />;
  if (path === "/permission-sets") return <PermissionSetsPage query={query} />;
  if (path === "/accounts") return <AccountsPage query={query} />;
  let m = match("/groups/:connectionId/:groupId", path);
  if (m !== null)
    return <GroupPage key={path} connectionId={m.connectionId ?? ""} groupId={m.groupId ?? ""} />;
  m = match("/permission-sets/:connectionId/:arn", path);
  if (m !== null)
    return <PermissionSetPage key={path} connectionId={m.connectionId ?? ""} arn={m.arn ?? ""} />;
  m = match("/accounts/:connectionId/:accountId", path);
  if (m !== null)
    return <AccountPage key={path} connectionId={m.connectionId ?? ""} accountId={m.accountId ?? ""} />;
  return null;
}
