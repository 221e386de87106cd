// A small hand-made sandbox organization with known ids, and helpers to reach a sandbox with the
// real AWS SDK clients (platform credentials -> sts:AssumeRole -> the customer's role).
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { Sandbox, SbWorld } from "../../src/sandbox/index.js";

export const STORE = "d-1234567890";
export const PREFIX = "1234567890";
export const INSTANCE = "arn:aws:sso:::instance/ssoins-1111222233334444";
export const OTHER_INSTANCE = "arn:aws:sso:::instance/ssoins-9999888877776666";
export const OTHER_STORE = "d-99998888aa";
export const MGMT = "111111111111";
export const PS_ADMIN = `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-aaaaaaaaaaaaaaaa`;
export const PS_READ = `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-bbbbbbbbbbbbbbbb`;
export const PLATFORM = { accessKeyId: "AKIDTESTPLATFORM", secretAccessKey: "platform-secret" };

/** A UUID-shaped identity-store id with the store prefix: n-th user (kind 1) or group (kind 2). */
export function identityId(kind: number, n: number): string {
  return `${PREFIX}-${String(kind).padStart(8, "0")}-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export function accountIdOf(n: number): string {
  return String(200000000000 + n);
}

const T = "2024-03-01T12:00:00.000Z";

/**
 * users: user 1 "alice" (ENABLED), 2 "bob" (DISABLED), 3 "carol" (no UserStatus), then plain ones.
 * groups: 1 "Admins" (alice, bob), 2 "Readers" (alice). accounts: the management one + others.
 * PS_ADMIN: boundary, inline policy, tags; PS_READ: none of those. Assignments on account 1.
 */
export function testWorld(options: { users?: number; accounts?: number } = {}): SbWorld {
  const userCount = Math.max(3, options.users ?? 3);
  const accountCount = Math.max(2, options.accounts ?? 3);
  const names = ["alice", "bob", "carol"];
  const users = Array.from({ length: userCount }, (_, i) => {
    const n = i + 1;
    const name = names[i] ?? `user${n}`;
    return {
      UserId: identityId(1, n),
      UserName: `${name}@example.com`,
      DisplayName: n === 1 ? `Ålice "Quote" O'Brien` : `User ${name}`,
      Name: { GivenName: name, FamilyName: "Test" },
      Emails: [{ Value: `${name}@example.com`, Primary: true, Type: "work" }],
      ExternalIds: [{ Issuer: "scim", Id: `ext-${n}` }],
      ...(n === 2 ? { UserStatus: "DISABLED" as const } : n === 3 ? {} : { UserStatus: "ENABLED" as const }),
      CreatedAt: T,
      UpdatedAt: T,
    };
  });
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    Id: i === 0 ? MGMT : accountIdOf(i),
    Name: i === 0 ? "Management" : `Account ${i}`,
    Email: `aws+${i}@example.com`,
    Status: "ACTIVE" as const,
    State: "ACTIVE" as const,
    JoinedMethod: i === 0 ? ("INVITED" as const) : ("CREATED" as const),
    JoinedTimestamp: T,
    Tags: i === 1 ? [{ Key: "env", Value: "prod" }] : [],
  }));
  return {
    revision: 0,
    region: "eu-west-1",
    organization: {
      Id: "o-abcdefghij",
      Arn: `arn:aws:organizations::${MGMT}:organization/o-abcdefghij`,
      FeatureSet: "ALL",
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/o-abcdefghij/${MGMT}`,
      MasterAccountId: MGMT,
      MasterAccountEmail: "aws+0@example.com",
    },
    instance: {
      InstanceArn: INSTANCE,
      IdentityStoreId: STORE,
      OwnerAccountId: MGMT,
      Name: "main",
      Status: "ACTIVE",
      CreatedDate: T,
      Type: "ORGANIZATION",
    },
    otherInstances: [
      {
        InstanceArn: OTHER_INSTANCE,
        IdentityStoreId: OTHER_STORE,
        OwnerAccountId: accountIdOf(1),
        Status: "ACTIVE",
        CreatedDate: T,
        Type: "ACCOUNT",
      },
    ],
    users,
    groups: [
      { GroupId: identityId(2, 1), DisplayName: "Admins", Description: "admins", CreatedAt: T, UpdatedAt: T },
      { GroupId: identityId(2, 2), DisplayName: "Readers", CreatedAt: T, UpdatedAt: T },
    ],
    memberships: [
      { MembershipId: identityId(3, 1), GroupId: identityId(2, 1), UserId: identityId(1, 1) },
      { MembershipId: identityId(3, 2), GroupId: identityId(2, 1), UserId: identityId(1, 2) },
      { MembershipId: identityId(3, 3), GroupId: identityId(2, 2), UserId: identityId(1, 1) },
    ],
    accounts,
    permissionSets: [
      {
        PermissionSetArn: PS_ADMIN,
        Name: "Admin",
        Description: "full access",
        SessionDuration: "PT4H",
        RelayState: "https://console.aws.amazon.com/",
        CreatedDate: T,
        ManagedPolicies: [
          { Name: "AdministratorAccess", Arn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        ],
        CustomerManagedPolicyReferences: [{ Name: "extra", Path: "/team/" }],
        InlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
        PermissionsBoundary: { ManagedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
        Tags: [{ Key: "tier", Value: "gold" }],
      },
      {
        PermissionSetArn: PS_READ,
        Name: "Read",
        CreatedDate: T,
        ManagedPolicies: [],
        CustomerManagedPolicyReferences: [],
        InlinePolicy: "",
        Tags: [],
      },
    ],
    provisioned: { [accountIdOf(1)]: [PS_ADMIN, PS_READ], [MGMT]: [PS_READ] },
    assignments: [
      {
        AccountId: accountIdOf(1),
        PermissionSetArn: PS_ADMIN,
        PrincipalType: "GROUP",
        PrincipalId: identityId(2, 1),
      },
      {
        AccountId: accountIdOf(1),
        PermissionSetArn: PS_ADMIN,
        PrincipalType: "USER",
        PrincipalId: identityId(1, 3),
      },
      {
        AccountId: accountIdOf(1),
        PermissionSetArn: PS_READ,
        PrincipalType: "USER",
        PrincipalId: identityId(1, 1),
      },
      { AccountId: MGMT, PermissionSetArn: PS_READ, PrincipalType: "USER", PrincipalId: identityId(1, 1) },
    ],
  };
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function stsClient(
  sandbox: Sandbox,
  credentials: typeof PLATFORM | Credentials = PLATFORM,
): STSClient {
  return new STSClient({ endpoint: sandbox.url, region: sandbox.world.region, credentials });
}

/** The customer's role, assumed as the platform with the expected ExternalId. */
export async function assumeRole(sandbox: Sandbox, sessionName = "idc-sync-test"): Promise<Credentials> {
  const c = sandbox.connectValues();
  const out = await stsClient(sandbox).send(
    new AssumeRoleCommand({ RoleArn: c.roleArn, RoleSessionName: sessionName, ExternalId: c.externalId }),
  );
  const cred = out.Credentials;
  if (!cred?.AccessKeyId || !cred.SecretAccessKey || !cred.SessionToken) throw new Error("no credentials");
  return {
    accessKeyId: cred.AccessKeyId,
    secretAccessKey: cred.SecretAccessKey,
    sessionToken: cred.SessionToken,
  };
}

export interface Clients {
  identitystore: IdentitystoreClient;
  sso: SSOAdminClient;
  organizations: OrganizationsClient;
}

export function clients(
  sandbox: Sandbox,
  credentials: Credentials | typeof PLATFORM,
  maxAttempts = 1,
): Clients {
  const config = { endpoint: sandbox.url, region: sandbox.world.region, credentials, maxAttempts };
  return {
    identitystore: new IdentitystoreClient(config),
    sso: new SSOAdminClient(config),
    organizations: new OrganizationsClient(config),
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (err) {
    return err as Error & Record<string, unknown>;
  }
  throw new Error("expected the call to fail");
}

export function statusOf(err: Record<string, unknown>): number | undefined {
  return (err.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
}
