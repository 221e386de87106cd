// One probe per action of the permission policy and per optional extra, each with the cheapest call that proves it: a List
// with MaxResults 1, or a Describe/Get of an id from such a list — or, when the list is empty, of a
// well-formed id that does not exist, since AWS checks permission first: "not found" proves the
// action is allowed, AccessDenied that it is not.
import { LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import {
  DescribeGroupCommand,
  DescribeUserCommand,
  ListGroupMembershipsCommand,
  ListGroupMembershipsForMemberCommand,
  ListGroupsCommand,
  ListUsersCommand,
} from "@aws-sdk/client-identitystore";
import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListTagsForResourceCommand as ListOrganizationTagsCommand,
} from "@aws-sdk/client-organizations";
import {
  DescribeInstanceCommand,
  DescribePermissionSetCommand,
  GetInlinePolicyForPermissionSetCommand,
  GetPermissionsBoundaryForPermissionSetCommand,
  ListAccountAssignmentsCommand,
  ListAccountAssignmentsForPrincipalCommand,
  ListCustomerManagedPolicyReferencesInPermissionSetCommand,
  ListManagedPoliciesInPermissionSetCommand,
  ListPermissionSetsCommand,
  ListPermissionSetsProvisionedToAccountCommand,
  ListTagsForResourceCommand as ListSsoTagsCommand,
} from "@aws-sdk/client-sso-admin";
import { AccessDeniedError, NotFoundError } from "../../domain/errors.js";
import type { ConnectionValues } from "../../domain/model.js";
import type { IamAction } from "./actions.js";
import type { IdcClients } from "./clients.js";
import type { OrganizationFact } from "./mappers/instance.js";
import { awsErrorName } from "./read-context.js";

export type ProbeOutcome =
  | { kind: "allowed"; note?: string }
  | { kind: "denied"; error: AccessDeniedError }
  | { kind: "unknown"; error: Error };

export interface ProbeResults {
  /** Every policy action and optional extra except sso:ListInstances (the instance check's own call). */
  outcomes: Map<IamAction, ProbeOutcome>;
  /** From DescribeOrganization: the management account, "none" outside any organization, undefined if unknown. */
  organization: OrganizationFact;
  /** DescribeInstance's PermissionSetsEnabled (an optional extra action; undefined when denied). */
  permissionSetsEnabled: boolean | undefined;
  /** ListPermissionSets answered ValidationException, as AWS does for an account instance. */
  permissionSetsUnsupported: boolean;
}

export interface ProbeContext {
  clients: Pick<IdcClients, "identityStore" | "ssoAdmin" | "organizations" | "cloudTrail">;
  values: ConnectionValues;
  /** The role's own account: the management account when the role is where it belongs. */
  accountId: string;
  signal?: AbortSignal | undefined;
}

/** A well-formed Identity Store user or group id that no user or group has. */
export const ABSENT_PRINCIPAL_ID = "00000000-0000-4000-8000-000000000000";

/** A well-formed permission set ARN of this instance that no permission set has. */
export function absentPermissionSetArn(instanceArn: string): string {
  const [prefix, instanceId] = instanceArn.split(":::instance/");
  return `${prefix ?? "arn:aws:sso"}:::permissionSet/${instanceId ?? ""}/ps-0000000000000000`;
}

const NOT_IN_USE = "AWSOrganizationsNotInUseException";

/** What an AWS error says about the permission: not found proves it; AccessDenied refutes it. */
export function outcomeOf(err: unknown, signal: AbortSignal | undefined): ProbeOutcome {
  signal?.throwIfAborted();
  if (err instanceof AccessDeniedError) return { kind: "denied", error: err };
  if (err instanceof NotFoundError) return { kind: "allowed" };
  if (awsErrorName(err) === NOT_IN_USE) {
    return { kind: "allowed", note: "the role's account is in no AWS organization" };
  }
  return { kind: "unknown", error: err instanceof Error ? err : new Error(String(err)) };
}

/** Runs every probe; two rounds, the second using ids the first listed. */
export async function runProbes(ctx: ProbeContext): Promise<ProbeResults> {
  const { identityStore, ssoAdmin, organizations } = ctx.clients;
  const { identityStoreId: IdentityStoreId, instanceArn: InstanceArn } = ctx.values;
  const AccountId = ctx.accountId;
  const options = ctx.signal === undefined ? {} : { abortSignal: ctx.signal };
  const outcomes = new Map<IamAction, ProbeOutcome>();
  const probe = async <T>(action: IamAction, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await call();
      outcomes.set(action, { kind: "allowed" });
      return result;
    } catch (err) {
      outcomes.set(action, outcomeOf(err, ctx.signal));
      return undefined;
    }
  };

  let permissionSetsUnsupported = false;
  const listPermissionSets = async () => {
    try {
      return await ssoAdmin.send(new ListPermissionSetsCommand({ InstanceArn, MaxResults: 1 }), options);
    } catch (err) {
      if (awsErrorName(err) !== "ValidationException") throw err;
      // AWS's answer for an instance without multi-account permissions (an account instance).
      permissionSetsUnsupported = true;
      return { PermissionSets: [] };
    }
  };

  const [users, groups, permissionSets, , organization, described] = await Promise.all([
    probe("identitystore:ListUsers", () =>
      identityStore.send(new ListUsersCommand({ IdentityStoreId, MaxResults: 1 }), options),
    ),
    probe("identitystore:ListGroups", () =>
      identityStore.send(new ListGroupsCommand({ IdentityStoreId, MaxResults: 1 }), options),
    ),
    probe("sso:ListPermissionSets", listPermissionSets),
    probe("organizations:ListAccounts", () =>
      organizations.send(new ListAccountsCommand({ MaxResults: 1 }), options),
    ),
    describeOrganization(ctx, outcomes),
    probe("sso:DescribeInstance", () => ssoAdmin.send(new DescribeInstanceCommand({ InstanceArn }), options)),
  ]);

  const UserId = users?.Users?.[0]?.UserId ?? ABSENT_PRINCIPAL_ID;
  const GroupId = groups?.Groups?.[0]?.GroupId ?? ABSENT_PRINCIPAL_ID;
  const PermissionSetArn = permissionSets?.PermissionSets?.[0] ?? absentPermissionSetArn(InstanceArn);
  const ps = { InstanceArn, PermissionSetArn };
  await Promise.all([
    probe("identitystore:DescribeUser", () =>
      identityStore.send(new DescribeUserCommand({ IdentityStoreId, UserId }), options),
    ),
    probe("identitystore:DescribeGroup", () =>
      identityStore.send(new DescribeGroupCommand({ IdentityStoreId, GroupId }), options),
    ),
    probe("identitystore:ListGroupMemberships", () =>
      identityStore.send(
        new ListGroupMembershipsCommand({ IdentityStoreId, GroupId, MaxResults: 1 }),
        options,
      ),
    ),
    probe("identitystore:ListGroupMembershipsForMember", () =>
      identityStore.send(
        new ListGroupMembershipsForMemberCommand({ IdentityStoreId, MemberId: { UserId }, MaxResults: 1 }),
        options,
      ),
    ),
    probe("sso:DescribePermissionSet", () => ssoAdmin.send(new DescribePermissionSetCommand(ps), options)),
    probe("sso:ListManagedPoliciesInPermissionSet", () =>
      ssoAdmin.send(new ListManagedPoliciesInPermissionSetCommand({ ...ps, MaxResults: 1 }), options),
    ),
    probe("sso:GetInlinePolicyForPermissionSet", () =>
      ssoAdmin.send(new GetInlinePolicyForPermissionSetCommand(ps), options),
    ),
    probe("sso:ListCustomerManagedPolicyReferencesInPermissionSet", () =>
      ssoAdmin.send(
        new ListCustomerManagedPolicyReferencesInPermissionSetCommand({ ...ps, MaxResults: 1 }),
        options,
      ),
    ),
    probe("sso:GetPermissionsBoundaryForPermissionSet", () =>
      ssoAdmin.send(new GetPermissionsBoundaryForPermissionSetCommand(ps), options),
    ),
    probe("sso:ListTagsForResource", () =>
      ssoAdmin.send(new ListSsoTagsCommand({ InstanceArn, ResourceArn: InstanceArn }), options),
    ),
    probe("sso:ListPermissionSetsProvisionedToAccount", () =>
      ssoAdmin.send(
        new ListPermissionSetsProvisionedToAccountCommand({ InstanceArn, AccountId, MaxResults: 1 }),
        options,
      ),
    ),
    probe("sso:ListAccountAssignments", () =>
      ssoAdmin.send(new ListAccountAssignmentsCommand({ ...ps, AccountId, MaxResults: 1 }), options),
    ),
    probe("sso:ListAccountAssignmentsForPrincipal", () =>
      ssoAdmin.send(
        new ListAccountAssignmentsForPrincipalCommand({
          InstanceArn,
          PrincipalId: UserId,
          PrincipalType: "USER",
          MaxResults: 1,
        }),
        options,
      ),
    ),
    probe("organizations:DescribeAccount", () =>
      organizations.send(new DescribeAccountCommand({ AccountId }), options),
    ),
    probe("organizations:ListTagsForResource", () =>
      organizations.send(new ListOrganizationTagsCommand({ ResourceId: AccountId }), options),
    ),
    // Optional extra: one event of one name is enough to prove the permission.
    probe("cloudtrail:LookupEvents", () =>
      ctx.clients.cloudTrail.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "Federate" }],
          MaxResults: 1,
        }),
        options,
      ),
    ),
  ]);
  return {
    outcomes,
    organization,
    permissionSetsEnabled: described?.PermissionSetsEnabled,
    permissionSetsUnsupported,
  };
}

async function describeOrganization(
  ctx: ProbeContext,
  outcomes: Map<IamAction, ProbeOutcome>,
): Promise<OrganizationFact> {
  const action = "organizations:DescribeOrganization";
  try {
    const out = await ctx.clients.organizations.send(
      new DescribeOrganizationCommand({}),
      ctx.signal === undefined ? {} : { abortSignal: ctx.signal },
    );
    outcomes.set(action, { kind: "allowed" });
    return { managementAccountId: out.Organization?.MasterAccountId };
  } catch (err) {
    const outcome = outcomeOf(err, ctx.signal);
    outcomes.set(action, outcome);
    return awsErrorName(err) === NOT_IN_USE ? "none" : undefined;
  }
}
