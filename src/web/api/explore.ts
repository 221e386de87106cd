// The explore routes the web app calls (groups, permission sets, accounts, downloads), with their
// types from the contract (type-only: no server code reaches the bundle).
import { withQuery } from "./client.js";

export type {
  AccountDetailResponse,
  AccountListItem,
  AccountListResponse,
  AssignmentView,
  DownloadList,
  GroupDetailResponse,
  GroupListItem,
  GroupListResponse,
  GroupMember,
  GroupMemberListResponse,
  PermissionSetDetailResponse,
  PermissionSetListItem,
  PermissionSetListResponse,
} from "../../http/api-contract.js";
import type { DownloadList } from "../../http/api-contract.js";

type Query = Record<string, string | number | undefined>;
const enc = encodeURIComponent;
const conn = (id: string) => `/api/connections/${enc(id)}`;

export const explorePaths = {
  groups: (connectionId: string, query: Query) => withQuery(`${conn(connectionId)}/groups`, query),
  group: (connectionId: string, groupId: string) => `${conn(connectionId)}/groups/${enc(groupId)}`,
  members: (connectionId: string, groupId: string, query: Query) =>
    withQuery(`${conn(connectionId)}/groups/${enc(groupId)}/members`, query),
  permissionSets: (connectionId: string, query: Query) =>
    withQuery(`${conn(connectionId)}/permission-sets`, query),
  permissionSet: (connectionId: string, arn: string) => `${conn(connectionId)}/permission-sets/${enc(arn)}`,
  accounts: (connectionId: string, query: Query) => withQuery(`${conn(connectionId)}/accounts`, query),
  account: (connectionId: string, accountId: string) => `${conn(connectionId)}/accounts/${enc(accountId)}`,
  access: (connectionId: string, query: Query) => withQuery(`${conn(connectionId)}/access`, query),
  /** The whole list with these filters, as a file (the server streams it). */
  download: (list: DownloadList, format: "csv" | "json", query: Query) =>
    withQuery(`/api/downloads/${list}`, { format, ...query }),
  /** The connection's full export (formatVersion 1). */
  fullExport: (connectionId: string) => `${conn(connectionId)}/export`,
};
