// The explore routes' contracts (spread into `routes` in api-contract.ts): groups, permission sets,
// accounts and downloads. Every one is scoped to the caller's organization: another
// organization's connection, or an id not in the connection, answers 404.
import { z } from "zod";
import type { RouteContract } from "../api-contract.js";
import { connectionParams } from "./connections.js";
import {
  accountDetailResponse,
  accountListResponse,
  accountParams,
  accountsQuery,
  downloadParams,
  downloadQuery,
  groupDetailResponse,
  groupListResponse,
  groupMemberListResponse,
  groupParams,
  groupsQuery,
  membersQuery,
  permissionSetDetailResponse,
  permissionSetListResponse,
  permissionSetParams,
  permissionSetsQuery,
} from "./explore.js";

export const exploreRoutes = {
  listGroups: {
    method: "GET",
    path: "/api/connections/:connectionId/groups",
    summary: "Groups with member and assignment counts: search, sort, paging, total",
    auth: true,
    params: connectionParams,
    query: groupsQuery,
    status: 200,
    response: groupListResponse,
  },
  getGroup: {
    method: "GET",
    path: "/api/connections/:connectionId/groups/:groupId",
    summary: "One group with its account assignments",
    auth: true,
    params: groupParams,
    status: 200,
    response: groupDetailResponse,
  },
  listGroupMembers: {
    method: "GET",
    path: "/api/connections/:connectionId/groups/:groupId/members",
    summary: "A group's members by user name: search, paging, total",
    auth: true,
    params: groupParams,
    query: membersQuery,
    status: 200,
    response: groupMemberListResponse,
  },
  listPermissionSets: {
    method: "GET",
    path: "/api/connections/:connectionId/permission-sets",
    summary: "Permission sets with the accounts they are assigned on and the users who hold them",
    auth: true,
    params: connectionParams,
    query: permissionSetsQuery,
    status: 200,
    response: permissionSetListResponse,
  },
  getPermissionSet: {
    method: "GET",
    path: "/api/connections/:connectionId/permission-sets/:permissionSetArn",
    summary:
      "One permission set (ARN URL-encoded): policies, boundary, tags, accounts and assignments; " +
      "who holds it is GET .../access?permissionSetArn=",
    auth: true,
    params: permissionSetParams,
    status: 200,
    response: permissionSetDetailResponse,
  },
  listAccounts: {
    method: "GET",
    path: "/api/connections/:connectionId/accounts",
    summary: "AWS accounts with tags, permission sets assigned and users who can reach them",
    auth: true,
    params: connectionParams,
    query: accountsQuery,
    status: 200,
    response: accountListResponse,
  },
  getAccount: {
    method: "GET",
    path: "/api/connections/:connectionId/accounts/:accountId",
    summary:
      "One account: tags, permission sets and assignments; who can reach it is GET .../access?accountId=",
    auth: true,
    params: accountParams,
    status: 200,
    response: accountDetailResponse,
  },
  download: {
    method: "GET",
    path: "/api/downloads/:list",
    summary:
      "A whole list with its filters, streamed as CSV (flat cells: lists joined with '; ', paths " +
      "spelled out, names beside ids) or as a JSON array; sent as an attachment",
    auth: true,
    params: downloadParams,
    query: downloadQuery,
    status: 200,
    response: z.unknown(),
  },
} as const satisfies Record<string, RouteContract>;
