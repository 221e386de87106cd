// Contract schemas: users, access (account -> permission set -> users) and changes.
import { z } from "zod";
import { CHANGE_KINDS } from "../../domain/change.js";
import { idParam, isoTime, nextCursor, nullableIsoTime, pageQuery, userStatusSchema } from "./common.js";

// ---------------------------------------------------------------- users (all connections, or one)

export const userSortSchema = z.enum(["userName", "displayName", "status", "firstSeenAt", "lastSignInAt"]);
export const usersQuery = z.strictObject({
  /** Only this connection's users; all the organization's otherwise. */
  connectionId: idParam.optional(),
  /** Case-insensitive substring of user name, display name, given/family name or an email. */
  q: z.string().trim().max(200).optional(),
  status: userStatusSchema.optional(),
  /** Every Identity Center user holds the license type "AWS Identity Center". */
  licenseType: z.string().max(200).optional(),
  sort: userSortSchema.default("userName"),
  order: z.enum(["asc", "desc"]).default("asc"),
  ...pageQuery,
});
export type UsersQuery = z.input<typeof usersQuery>;

export const userListItemSchema = z
  .object({
    connectionId: z.string(),
    userId: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    primaryEmail: z.string().nullable(),
    status: userStatusSchema,
    licenseTypes: z.array(z.string()),
    firstSeenAt: isoTime,
    deletedAt: nullableIsoTime,
    /**
     * Latest IAM Identity Center sign-in (or portal federation) in CloudTrail's last 90 days; null:
     * none in those 90 days, or sign-in activity not read (optional cloudtrail:LookupEvents).
     */
    lastSignInAt: nullableIsoTime,
  })
  .meta({ id: "UserListItem" });
export type UserListItem = z.infer<typeof userListItemSchema>;

export const userCountsSchema = z
  .object({
    /** Users matching connectionId, q and licenseType (the status filter is not applied to the counts). */
    total: z.number().int(),
    byStatus: z.object({ ENABLED: z.number().int(), DISABLED: z.number().int(), DELETED: z.number().int() }),
    byLicenseType: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "UserCounts" });

export const userListResponse = z.object({
  items: z.array(userListItemSchema),
  nextCursor,
  counts: userCountsSchema,
});
export type UserListResponse = z.infer<typeof userListResponse>;

export const userParams = z.strictObject({ connectionId: idParam, userId: idParam });

export const accessPathSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("DIRECT") }),
    z.object({ type: z.literal("GROUP"), groupId: z.string(), groupName: z.string().nullable() }),
  ])
  .meta({ id: "AccessPath" });
export type AccessPathView = z.infer<typeof accessPathSchema>;

export const userDetailResponse = z
  .object({
    user: userListItemSchema.extend({
      givenName: z.string().nullable(),
      familyName: z.string().nullable(),
      emails: z.array(z.string()),
      externalIds: z.array(z.object({ issuer: z.string(), id: z.string() })),
    }),
    groups: z.array(
      z.object({
        groupId: z.string(),
        displayName: z.string().nullable(),
        description: z.string().nullable(),
      }),
    ),
    access: z.array(
      z.object({
        accountId: z.string(),
        accountName: z.string().nullable(),
        permissionSetArn: z.string(),
        permissionSetName: z.string().nullable(),
        via: z.array(accessPathSchema),
        /** Latest Federate into this account with this permission set (90-day horizon); null: none or not read. */
        lastUsedAt: nullableIsoTime,
      }),
    ),
  })
  .meta({ id: "UserDetail" });
export type UserDetailResponse = z.infer<typeof userDetailResponse>;

// ---------------------------------------------------------------- access (account -> permission set -> users)

export const accessSummaryRowSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string().nullable(),
    permissionSetArn: z.string(),
    permissionSetName: z.string().nullable(),
    users: z.number().int(),
  })
  .meta({ id: "AccessSummaryRow" });
/** Ordered by account, then permission set. */
export const accessSummaryResponse = z.object({ items: z.array(accessSummaryRowSchema) });
export type AccessSummaryResponse = z.infer<typeof accessSummaryResponse>;

export const accessQuery = z.strictObject({
  accountId: z.string().max(64).optional(),
  permissionSetArn: z.string().max(2048).optional(),
  userId: z.string().max(200).optional(),
  ...pageQuery,
});
export const accessRowSchema = z
  .object({
    accountId: z.string(),
    accountName: z.string().nullable(),
    permissionSetArn: z.string(),
    permissionSetName: z.string().nullable(),
    userId: z.string(),
    userName: z.string(),
    displayName: z.string().nullable(),
    status: userStatusSchema,
    via: z.array(accessPathSchema),
    lastUsedAt: nullableIsoTime,
  })
  .meta({ id: "AccessRow" });
export type AccessRow = z.infer<typeof accessRowSchema>;
/** Ordered by account id, permission set ARN, user name: group them in that order. */
export const accessListResponse = z.object({ items: z.array(accessRowSchema), nextCursor });
export type AccessListResponse = z.infer<typeof accessListResponse>;

// ---------------------------------------------------------------- changes (all connections, or one)

export const changesQuery = z.strictObject({
  /** Only this connection's changes; all the organization's otherwise. */
  connectionId: idParam.optional(),
  /** One kind or several, comma-separated, e.g. `user.enabled,user.disabled`. */
  kind: z
    .string()
    .max(2000)
    .transform((v) => v.split(",").map((k) => k.trim()))
    .pipe(z.array(z.enum(CHANGE_KINDS)).min(1))
    .optional(),
  userId: z.string().max(200).optional(),
  accountId: z.string().max(64).optional(),
  /** Changes about this group (chosen by name in the web app). */
  groupId: z.string().max(200).optional(),
  /** Changes about this permission set. */
  permissionSetArn: z.string().max(2048).optional(),
  syncRunId: z.string().max(200).optional(),
  /** Changes at or after this time (ISO-8601). */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Changes before this time (ISO-8601). */
  until: z.iso.datetime({ offset: true }).optional(),
  /** desc: newest first (default). */
  order: z.enum(["asc", "desc"]).default("desc"),
  ...pageQuery,
});
export const changeSchema = z
  .object({
    id: z.string(),
    connectionId: z.string(),
    syncRunId: z.string(),
    kind: z.enum(CHANGE_KINDS),
    at: isoTime,
    userId: z.string().nullable(),
    groupId: z.string().nullable(),
    accountId: z.string().nullable(),
    permissionSetArn: z.string().nullable(),
    /** Names for display and, for updates, `before`/`after` of the fields that changed. */
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Change" });
export type Change = z.infer<typeof changeSchema>;
/** Newest first unless order=asc. */
export const changeListResponse = z.object({ items: z.array(changeSchema), nextCursor });
export type ChangeListResponse = z.infer<typeof changeListResponse>;
