// zod schema of SbWorld (src/sandbox/model.ts) for fixtures and admin input. Objects are strict,
// so a misspelt AWS field name ("Userstatus") is reported instead of silently dropped.
import { z } from "zod";

const IDENTITY_ID =
  /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const ACCOUNT_ID = /^\d{12}$/;
const INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const PERMISSION_SET_ARN =
  /^arn:aws(-[a-z]{1,5}){0,3}:sso:::permissionSet\/(sso)?ins-[a-zA-Z0-9-.]{16}\/ps-[a-zA-Z0-9-./]{16}$/;
const IDENTITY_STORE_ID = /^(d-[0-9a-f]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const identityId = z.string().regex(IDENTITY_ID, "expected an Identity Store id: [10 hex + '-'] + UUID");
const accountId = z.string().regex(ACCOUNT_ID, "expected a 12-digit account id");
const instanceArn = z.string().regex(INSTANCE_ARN, "expected arn:aws:sso:::instance/ssoins-<16 characters>");
const permissionSetArn = z
  .string()
  .regex(PERMISSION_SET_ARN, "expected arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>");
const isoTime = z.iso.datetime({ error: "expected an ISO-8601 UTC time such as 2024-01-01T00:00:00Z" });
const opt = <T extends z.ZodType>(schema: T) => schema.exactOptional();

const externalId = z.strictObject({ Issuer: z.string().min(1).max(100), Id: z.string().min(1).max(256) });
export const sbTagSchema = z.strictObject({ Key: z.string().min(1).max(128), Value: z.string().max(256) });
const policyRef = z.strictObject({ Name: z.string().min(1).max(128), Path: z.string().min(1).max(512) });

export const sbUserSchema = z.strictObject({
  UserId: identityId,
  UserName: z.string().min(1).max(128),
  DisplayName: opt(z.string().min(1).max(1024)),
  Name: opt(
    z.strictObject({
      Formatted: opt(z.string().max(1024)),
      FamilyName: opt(z.string().max(1024)),
      GivenName: opt(z.string().max(1024)),
      MiddleName: opt(z.string().max(1024)),
    }),
  ),
  NickName: opt(z.string().max(1024)),
  Title: opt(z.string().max(1024)),
  Emails: opt(
    z.array(
      z.strictObject({
        Value: z.string().min(1).max(1024),
        Type: opt(z.string().max(1024)),
        Primary: opt(z.boolean()),
      }),
    ),
  ),
  ExternalIds: opt(z.array(externalId)),
  UserStatus: opt(z.enum(["ENABLED", "DISABLED"])),
  CreatedAt: isoTime,
  UpdatedAt: isoTime,
});

export const sbGroupSchema = z.strictObject({
  GroupId: identityId,
  DisplayName: z.string().min(1).max(1024),
  Description: opt(z.string().min(1).max(1024)),
  ExternalIds: opt(z.array(externalId)),
  CreatedAt: isoTime,
  UpdatedAt: isoTime,
});

export const sbMembershipSchema = z.strictObject({
  MembershipId: identityId,
  GroupId: identityId,
  UserId: identityId,
});

export const sbAccountSchema = z.strictObject({
  Id: accountId,
  Name: z.string().regex(/^[\u0020-\u007E]{1,128}$/, "expected 1-128 printable ASCII characters"),
  Email: z.string().min(6).max(64),
  Status: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"]),
  State: z.enum(["ACTIVE", "SUSPENDED", "PENDING_CLOSURE", "CLOSED"]),
  JoinedMethod: z.enum(["INVITED", "CREATED"]),
  JoinedTimestamp: isoTime,
  Tags: z.array(sbTagSchema),
});

export const sbPermissionSetSchema = z.strictObject({
  PermissionSetArn: permissionSetArn,
  Name: z.string().regex(/^[\w+=,.@-]{1,32}$/, "expected 1-32 characters of [A-Za-z0-9_+=,.@-]"),
  Description: opt(z.string().min(1).max(700)),
  SessionDuration: opt(
    z.string().regex(/^PT\d{1,2}H(\d{1,2}M)?$|^PT\d{1,3}M$/, "expected an ISO duration like PT1H"),
  ),
  RelayState: opt(z.string().min(1).max(240)),
  CreatedDate: isoTime,
  ManagedPolicies: z.array(z.strictObject({ Name: z.string().min(1), Arn: z.string().startsWith("arn:") })),
  CustomerManagedPolicyReferences: z.array(policyRef),
  InlinePolicy: z.string().max(32_768),
  PermissionsBoundary: opt(
    z.union([
      z.strictObject({ ManagedPolicyArn: z.string().startsWith("arn:") }),
      z.strictObject({ CustomerManagedPolicyReference: policyRef }),
    ]),
  ),
  Tags: z.array(sbTagSchema),
});

export const sbAssignmentSchema = z.strictObject({
  AccountId: accountId,
  PermissionSetArn: permissionSetArn,
  PrincipalType: z.enum(["USER", "GROUP"]),
  PrincipalId: identityId,
});

export const sbInstanceSchema = z.strictObject({
  InstanceArn: instanceArn,
  IdentityStoreId: z.string().regex(IDENTITY_STORE_ID, "expected d-<10 hex> or a UUID"),
  OwnerAccountId: accountId,
  Name: opt(z.string().min(1).max(255)),
  Status: z.enum(["ACTIVE", "CREATE_IN_PROGRESS", "DELETE_IN_PROGRESS"]),
  CreatedDate: isoTime,
  Type: z.enum(["ORGANIZATION", "ACCOUNT"]),
});

export const sbOrganizationSchema = z.strictObject({
  Id: z.string().regex(/^o-[a-z0-9]{10,32}$/, "expected o- followed by 10-32 lowercase letters or digits"),
  Arn: z.string().startsWith("arn:"),
  FeatureSet: z.enum(["ALL", "CONSOLIDATED_BILLING"]),
  MasterAccountArn: z.string().startsWith("arn:"),
  MasterAccountId: accountId,
  MasterAccountEmail: z.string().min(6).max(64),
});

export const sbWorldSchema = z.strictObject({
  /** Fixture files may leave it out: a loaded world starts at revision 0. */
  revision: z.number().int().min(0).default(0),
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, "expected an AWS region name such as us-east-1"),
  organization: sbOrganizationSchema,
  instance: sbInstanceSchema,
  otherInstances: z.array(sbInstanceSchema).default([]),
  users: z.array(sbUserSchema),
  groups: z.array(sbGroupSchema),
  memberships: z.array(sbMembershipSchema),
  accounts: z.array(sbAccountSchema),
  permissionSets: z.array(sbPermissionSetSchema),
  provisioned: z.record(accountId, z.array(permissionSetArn)),
  assignments: z.array(sbAssignmentSchema),
});
