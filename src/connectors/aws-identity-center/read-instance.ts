// The instance: it must be one the role sees, with the Identity Store the customer gave us; then
// what kind it is (organization or account instance) and whether it has permission sets.
import { DescribeOrganizationCommand } from "@aws-sdk/client-organizations";
import {
  DescribeInstanceCommand,
  paginateListInstances,
  type InstanceMetadata,
} from "@aws-sdk/client-sso-admin";
import { ValidationError } from "../../domain/errors.js";
import type { InstanceInfo } from "../../domain/model.js";
import { instanceTypeOf, mapInstance, type OrganizationFact } from "./mappers/instance.js";
import { PAGE_SIZES } from "./plan.js";
import { DENIED, awsErrorName, type ReadContext } from "./read-context.js";

export interface InstanceFacts {
  instance: InstanceInfo;
  /** DescribeInstance's PermissionSetsEnabled; undefined when denied or not reported. */
  permissionSetsEnabled: boolean | undefined;
  /** False when the role's account is in no organization (AWSOrganizationsNotInUseException). */
  inOrganization: boolean | undefined;
}

/**
 * Lists the instances the role sees and returns the connection's. Throws a ValidationError naming
 * the field when the Instance ARN is not among them or its Identity Store differs, saying what the
 * role does see.
 */
export async function findInstance(ctx: ReadContext): Promise<InstanceMetadata> {
  const action = "sso:ListInstances";
  const pages = paginateListInstances(
    { client: ctx.clients.ssoAdmin, pageSize: PAGE_SIZES[action] },
    {},
    ctx.sendOptions,
  );
  const instances = await ctx.collect(action, pages, (p) => p.Instances);
  const { instanceArn, identityStoreId, region } = ctx.values;
  const found = instances.find((i) => i.InstanceArn === instanceArn);
  const seen = instances.map((i) => `${i.InstanceArn ?? "?"} (Identity Store ${i.IdentityStoreId ?? "?"})`);
  if (found === undefined) {
    const sees =
      seen.length === 0
        ? `the role sees no IAM Identity Center instance in ${region}: check the Region (the one where Identity Center is enabled) and that the role is in the management account or the delegated administrator account`
        : `the role sees only ${seen.join(", ")} in ${region}: copy the Instance ARN from IAM Identity Center > Settings, or check the Region`;
    throw new ValidationError("instanceArn", `Instance ARN ${instanceArn} not found: ${sees}`);
  }
  if (found.IdentityStoreId !== identityStoreId) {
    const owner = instances.find((i) => i.IdentityStoreId === identityStoreId);
    const hint =
      owner === undefined ? "" : ` (${identityStoreId} belongs to instance ${owner.InstanceArn ?? "?"})`;
    throw new ValidationError(
      "identityStoreId",
      `Identity Store ID ${identityStoreId} is not the Identity Store of instance ${instanceArn}, which is ${found.IdentityStoreId ?? "unknown"}${hint}: copy both from IAM Identity Center > Settings`,
    );
  }
  return found;
}

/** DescribeInstance and DescribeOrganization (both optional), in parallel. */
export async function describeInstance(ctx: ReadContext, metadata: InstanceMetadata): Promise<InstanceFacts> {
  const [described, organization] = await Promise.all([
    ctx.optional("sso:DescribeInstance", "Whether the instance has permission sets enabled is unknown", () =>
      ctx.clients.ssoAdmin.send(
        new DescribeInstanceCommand({ InstanceArn: ctx.values.instanceArn }),
        ctx.sendOptions,
      ),
    ),
    describeOrganization(ctx),
  ]);
  const merged = described === DENIED ? metadata : { ...metadata, ...definedOnly(described) };
  return {
    instance: mapInstance(merged, instanceTypeOf(merged.OwnerAccountId, organization)),
    permissionSetsEnabled: described === DENIED ? undefined : described.PermissionSetsEnabled,
    inOrganization: organization === "none" ? false : organization === undefined ? undefined : true,
  };
}

async function describeOrganization(ctx: ReadContext): Promise<OrganizationFact> {
  try {
    const result = await ctx.optional(
      "organizations:DescribeOrganization",
      "The organization's management account is unknown, so whether this is an organization or an account instance is unknown",
      () => ctx.clients.organizations.send(new DescribeOrganizationCommand({}), ctx.sendOptions),
    );
    if (result === DENIED) return undefined;
    return { managementAccountId: result.Organization?.MasterAccountId };
  } catch (err) {
    if (!ctx.signal.aborted && awsErrorName(err) === "AWSOrganizationsNotInUseException") return "none";
    throw err;
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
