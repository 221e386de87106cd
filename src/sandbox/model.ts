// The sandbox's organization, in AWS's own shapes (field names as the AWS APIs return them).
// The sandbox is an independent ground truth: it shares no code with the connector, the engine
// or their mappers, so this file must not import from outside src/sandbox/.

export interface SbEmail {
  Value: string;
  Type?: string;
  Primary?: boolean;
}

export interface SbExternalId {
  Issuer: string;
  Id: string;
}

export interface SbUser {
  UserId: string;
  UserName: string;
  DisplayName?: string;
  Name?: { Formatted?: string; FamilyName?: string; GivenName?: string; MiddleName?: string };
  NickName?: string;
  Title?: string;
  Emails?: SbEmail[];
  ExternalIds?: SbExternalId[];
  /** Absent on some users on purpose: AWS responses may omit it, which counts as ENABLED. */
  UserStatus?: "ENABLED" | "DISABLED";
  CreatedAt: string; // ISO time; served as epoch seconds like AWS's JSON protocol
  UpdatedAt: string;
}

export interface SbGroup {
  GroupId: string;
  DisplayName: string;
  Description?: string;
  ExternalIds?: SbExternalId[];
  CreatedAt: string;
  UpdatedAt: string;
}

export interface SbMembership {
  MembershipId: string;
  GroupId: string;
  UserId: string;
}

export interface SbTag {
  Key: string;
  Value: string;
}

export interface SbAccount {
  Id: string;
  Name: string;
  Email: string;
  Status: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";
  State: "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE" | "CLOSED";
  JoinedMethod: "INVITED" | "CREATED";
  JoinedTimestamp: string;
  Tags: SbTag[];
}

export interface SbPermissionSet {
  PermissionSetArn: string;
  Name: string;
  Description?: string;
  SessionDuration?: string;
  RelayState?: string;
  CreatedDate: string;
  ManagedPolicies: { Name: string; Arn: string }[];
  CustomerManagedPolicyReferences: { Name: string; Path: string }[];
  /** "" means none, as AWS answers GetInlinePolicyForPermissionSet. */
  InlinePolicy: string;
  PermissionsBoundary?:
    { ManagedPolicyArn: string } | { CustomerManagedPolicyReference: { Name: string; Path: string } };
  Tags: SbTag[];
}

export interface SbAssignment {
  AccountId: string;
  PermissionSetArn: string;
  PrincipalType: "USER" | "GROUP";
  PrincipalId: string;
}

export interface SbInstance {
  InstanceArn: string;
  IdentityStoreId: string;
  OwnerAccountId: string;
  Name?: string;
  Status: "ACTIVE" | "CREATE_IN_PROGRESS" | "DELETE_IN_PROGRESS";
  CreatedDate: string;
  /** Only ORGANIZATION instances have permission sets and account assignments. */
  Type: "ORGANIZATION" | "ACCOUNT";
}

export interface SbOrganization {
  Id: string;
  Arn: string;
  FeatureSet: "ALL" | "CONSOLIDATED_BILLING";
  MasterAccountArn: string;
  MasterAccountId: string;
  MasterAccountEmail: string;
}

/**
 * One AWS organization with one Identity Center instance (plus, optionally, other instances the
 * role can also see, to test instance mix-ups). Arrays keep a stable order: what a List call
 * returns, page by page.
 */
export interface SbWorld {
  /** Bumped by every mutation (src/sandbox/mutate.ts), so the server can rebuild its indexes. */
  revision: number;
  region: string;
  organization: SbOrganization;
  instance: SbInstance;
  otherInstances: SbInstance[];
  users: SbUser[];
  groups: SbGroup[];
  memberships: SbMembership[];
  accounts: SbAccount[];
  permissionSets: SbPermissionSet[];
  /** Account id -> permission set ARNs provisioned to it. */
  provisioned: Record<string, string[]>;
  assignments: SbAssignment[];
}
