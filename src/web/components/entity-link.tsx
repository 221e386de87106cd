// Links between the entities of one connection (user, group, permission set, account): every
// name on every page is one click from that entity's own page.
import type { ReactElement, ReactNode } from "react";
import { arnTail } from "../format.js";
import { href } from "../router.js";
import { Truncate } from "./ui.js";

const enc = encodeURIComponent;

export const entityHref = {
  user: (connectionId: string, userId: string) => href(`/users/${enc(connectionId)}/${enc(userId)}`),
  group: (connectionId: string, groupId: string) => href(`/groups/${enc(connectionId)}/${enc(groupId)}`),
  permissionSet: (connectionId: string, arn: string) =>
    href(`/permission-sets/${enc(connectionId)}/${enc(arn)}`),
  account: (connectionId: string, accountId: string) =>
    href(`/accounts/${enc(connectionId)}/${enc(accountId)}`),
};

export function AccountLink(props: {
  connectionId: string;
  accountId: string;
  name: string | null;
  showId?: boolean;
}): ReactElement {
  return (
    <>
      <a href={entityHref.account(props.connectionId, props.accountId)}>
        <Truncate text={props.name ?? props.accountId} />
      </a>
      {props.showId !== false && props.name !== null && (
        <div className="cell-note mono">{props.accountId}</div>
      )}
    </>
  );
}

export function PermissionSetLink(props: {
  connectionId: string;
  arn: string;
  name: string | null;
}): ReactElement {
  return (
    <a href={entityHref.permissionSet(props.connectionId, props.arn)} title={props.arn}>
      <Truncate text={props.name ?? arnTail(props.arn)} />
    </a>
  );
}

export function PrincipalLink(props: {
  connectionId: string;
  type: "USER" | "GROUP";
  id: string;
  name: string | null;
  children?: ReactNode;
}): ReactElement {
  const to =
    props.type === "GROUP"
      ? entityHref.group(props.connectionId, props.id)
      : entityHref.user(props.connectionId, props.id);
  return (
    <a href={to} title={props.id}>
      <Truncate text={props.name ?? props.id} />
    </a>
  );
}
