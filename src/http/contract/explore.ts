// Contract schemas of the explore routes: groups, permission sets and accounts (lists with search,
// sort, totals and cursor paging; one of each with what it joins), and streamed downloads.
import { z } from "zod";
import { idParam, nextCursor, pageQuery, userStatusSchema } from "./common.js";

const listQuery = <S extends [string, ...string[]]>(sorts: S) =>
  z.strictObject({
    /** Case- and accent-insensitive substring of names, ids and descriptions. */
    q: z.string().trim().max(200).optional(),
    sort: z.enum(sorts).default(sorts[0] as S[0]),
    order: z.enum(["asc", "desc"]).default("asc"),
    ...pageQuery,
  });

const total = z.number().int().meta({ description: "Rows matching the filters, over all pages" });

const tagsSchema = z.record(z.string(), z.string());

export const assignmentViewSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string().nullable(),
    permissionSetArn: z.string(),
    permissionSetName: z.string().nullable(),
    principalType: z.enum(["USER", "GROUP"]),
    principalId: z.string(),
    /** The group's display name or the user's user name; null when the principal is gone. */
    principalName: z.string().nullable(),
  })
  .meta({ id: "AssignmentView" });
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

// ---------------------------------------------------------------- groups

export const GROUP_SORTS = ["name", "members", "assignments"] as const;
export const groupsQuery = listQuery([...GROUP_SORTS]);
export const groupListItemSchema = z
  .object({
    groupId: z.string(),
    displayName: z.string().nullable(),
    description: z.string().nullable(),
    members: z.number().int(),
    assignments: z.number().int(),
  })
  .meta({ id: "GroupListItem" });
export type GroupListItem = z.infer<typeof groupListItemSchema>;
export const groupListResponse = z.object({ items: z.array(groupListItemSchema), nextCursor, total });
export type GroupListResponse = z.infer<typeof groupListResponse>;

export const groupParams = z.strictObject({ connectionId: idParam, groupId: idParam });
export const groupDetailResponse = z
  .object({ group: groupListItemSchema, assignments: z.array(assignmentViewSchema) })
  .meta({ id: "GroupDetail" });
export type GroupDetailResponse = z.infer<typeof groupDetailResponse>;

export const membersQuery = z.strictObject({
  /** Case-insensitive substring of user name, display name, names or an email. */
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});
export const groupMemberSchema = z
  .object({
    userId: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    primaryEmail: z.string().nullable(),
    status: userStatusSchema,
  })
  .meta({ id: "GroupMember" });
export type GroupMember = z.infer<typeof groupMemberSchema>;
/** Ordered by user name. */
export const groupMemberListResponse = z.object({ items: z.array(groupMemberSchema), nextCursor, total });
export type GroupMemberListResponse = z.infer<typeof groupMemberListResponse>;

// ---------------------------------------------------------------- permission sets

export const PERMISSION_SET_SORTS = ["name", "accounts", "users"] as const;
export const permissionSetsQuery = listQuery([...PERMISSION_SET_SORTS]);
export const permissionSetListItemSchema = z
  .object({
    arn: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    sessionDuration: z.string().nullable(),
    /** Accounts it is assigned on. */
    accounts: z.number().int(),
    /** Users who hold it on at least one account. */
    users: z.number().int(),
    /** Access rows: (user, account) pairs. */
    grants: z.number().int(),
  })
  .meta({ id: "PermissionSetListItem" });
export type PermissionSetListItem = z.infer<typeof permissionSetListItemSchema>;
export const permissionSetListResponse = z.object({
  items: z.array(permissionSetListItemSchema),
  nextCursor,
  total,
});
export type PermissionSetListResponse = z.infer<typeof permissionSetListResponse>;

/** The ARN, URL-encoded as one path segment. */
export const permissionSetParams = z.strictObject({
  connectionId: idParam,
  permissionSetArn: z.string().min(1).max(2048),
});
export const permissionSetDetailResponse = z
  .object({
    permissionSet: z.object({
      arn: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      sessionDuration: z.string().nullable(),
      relayState: z.string().nullable(),
      managedPolicies: z.array(z.string()),
      customerManagedPolicies: z.array(z.object({ name: z.string(), path: z.string() })),
      /** The policy document as AWS gives it (JSON text). */
      inlinePolicy: z.string().nullable(),
      permissionsBoundary: z
        .discriminatedUnion("type", [
          z.object({ type: z.literal("MANAGED"), managedPolicyArn: z.string() }),
          z.object({ type: z.literal("CUSTOMER_MANAGED"), name: z.string(), path: z.string() }),
        ])
        .nullable(),
      tags: tagsSchema,
      /** When AWS created it (ISO-8601), where known. */
      createdDate: z.string().nullable(),
    }),
    counts: z.object({ accounts: z.number().int(), users: z.number().int(), grants: z.number().int() }),
    accounts: z.array(
      z.object({ accountId: z.string(), accountName: z.string().nullable(), users: z.number().int() }),
    ),
    assignments: z.array(assignmentViewSchema),
  })
  .meta({ id: "PermissionSetDetail" });
export type PermissionSetDetailResponse = z.infer<typeof permissionSetDetailResponse>;

// ---------------------------------------------------------------- accounts

export const ACCOUNT_SORTS = ["name", "id", "permissionSets", "users"] as const;
export const accountsQuery = listQuery([...ACCOUNT_SORTS]);
const accountSchema = z.object({
  accountId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string().nullable(),
  tags: tagsSchema,
});
export const accountListItemSchema = accountSchema
  .extend({ permissionSets: z.number().int(), users: z.number().int(), grants: z.number().int() })
  .meta({ id: "AccountListItem" });
export type AccountListItem = z.infer<typeof accountListItemSchema>;
export const accountListResponse = z.object({ items: z.array(accountListItemSchema), nextCursor, total });
export type AccountListResponse = z.infer<typeof accountListResponse>;

export const accountParams = z.strictObject({ connectionId: idParam, accountId: z.string().min(1).max(64) });
export const accountDetailResponse = z
  .object({
    account: accountSchema,
    counts: z.object({ permissionSets: z.number().int(), users: z.number().int(), grants: z.number().int() }),
    permissionSets: z.array(
      z.object({ arn: z.string(), name: z.string().nullable(), users: z.number().int() }),
    ),
    assignments: z.array(assignmentViewSchema),
  })
  .meta({ id: "AccountDetail" });
export type AccountDetailResponse = z.infer<typeof accountDetailResponse>;

// ---------------------------------------------------------------- downloads

export const DOWNLOAD_LISTS = [
  "users",
  "groups",
  "group-members",
  "permission-sets",
  "accounts",
  "access",
] as const;
export type DownloadList = (typeof DOWNLOAD_LISTS)[number];
export const downloadParams = z.strictObject({ list: z.enum(DOWNLOAD_LISTS) });
export const downloadQuery = z.strictObject({
  format: z.enum(["csv", "json"]).default("csv"),
  /** Required for every list but users (all the organization's users without it). */
  connectionId: idParam.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.string().max(40).optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
  /** users: by status. */
  status: userStatusSchema.optional(),
  /** users: by license type. */
  licenseType: z.string().max(200).optional(),
  /** group-members: whose members. */
  groupId: idParam.optional(),
  /** access: one account, permission set or user. */
  accountId: z.string().max(64).optional(),
  permissionSetArn: z.string().max(2048).optional(),
  userId: z.string().max(200).optional(),
});
export type DownloadQuery = z.output<typeof downloadQuery>;
