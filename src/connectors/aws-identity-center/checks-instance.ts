// The instance check: the Instance ARN must be among the instances the role sees (sso:ListInstances
// in the connection's region), with the Identity Store ID given, in that region. When it is not,
// say what the role does see and whether the region is the cause.
import type { InstanceMetadata } from "@aws-sdk/client-sso-admin";
import type { ConnectionValues } from "../../domain/model.js";
import { mapConcurrent } from "../../aws-calls/concurrency.js";
import type { CheckError, CheckWarning } from "./checks-types.js";

export interface InstanceCheck {
  /** The instance, when it is there with the right Identity Store. */
  found?: InstanceMetadata;
  /** Set when ListInstances itself failed (denied or otherwise): nothing could be verified. */
  listError?: unknown;
  error?: CheckError;
  warnings: CheckWarning[];
}

/** Lists every instance the role sees in a region; undefined when that region cannot be asked. */
export type ListInstancesIn = (region: string) => Promise<InstanceMetadata[] | undefined>;

/** How many regions are asked at once when looking for the instance elsewhere. */
const SWEEP_CONCURRENCY = 6;

function describe(i: InstanceMetadata): string {
  return `${i.InstanceArn ?? "?"} (Identity Store ${i.IdentityStoreId ?? "?"}${i.PrimaryRegion === undefined ? "" : `, region ${i.PrimaryRegion}`})`;
}

/** Regions where the instance is served (its primary one and any it is replicated to). */
function regionsOf(i: InstanceMetadata): string[] {
  const replicated = (i.Regions ?? [])
    .filter((r) => r.Status === undefined || r.Status === "ACTIVE")
    .map((r) => r.RegionName)
    .filter((r): r is string => r !== undefined);
  return [...new Set([...(i.PrimaryRegion === undefined ? [] : [i.PrimaryRegion]), ...replicated])];
}

/**
 * Checks the connection's instance. `listHere` lists the instances in the connection's region
 * (throws the classified error); `listIn` asks another region, used only to say where an instance
 * the role cannot see here lives; `otherRegions` are the partition's other Identity Center regions.
 */
export async function checkInstance(
  values: ConnectionValues,
  listHere: () => Promise<InstanceMetadata[]>,
  listIn: ListInstancesIn,
  otherRegions: readonly string[],
  signal?: AbortSignal,
): Promise<InstanceCheck> {
  let instances: InstanceMetadata[];
  try {
    instances = await listHere();
  } catch (err) {
    signal?.throwIfAborted();
    return { listError: err, warnings: [] };
  }
  const { instanceArn, identityStoreId, region } = values;
  const found = instances.find((i) => i.InstanceArn === instanceArn);
  const owner = instances.find((i) => i.IdentityStoreId === identityStoreId);

  if (found !== undefined) {
    const served = regionsOf(found);
    if (served.length > 0 && !served.includes(region)) {
      const primary = found.PrimaryRegion ?? served[0] ?? "?";
      return {
        warnings: [],
        error: {
          code: "wrong_region",
          field: "region",
          message: `Region ${region} is not the region of instance ${instanceArn}: it lives in ${primary}${served.length > 1 ? ` (also served in ${served.filter((r) => r !== primary).join(", ")})` : ""}. Set Region to ${primary}.`,
        },
      };
    }
    if (found.IdentityStoreId !== identityStoreId) {
      const hint =
        owner === undefined
          ? ` No instance the role sees has Identity Store ${identityStoreId}.`
          : ` ${identityStoreId} belongs to another instance, ${owner.InstanceArn ?? "?"}.`;
      return {
        warnings: [],
        error: {
          code: "identity_store_mismatch",
          field: "identityStoreId",
          message: `Identity Store ID ${identityStoreId} is not the Identity Store of instance ${instanceArn}, which is ${found.IdentityStoreId ?? "unknown"}.${hint} Copy both values from IAM Identity Center > Settings of the same instance.`,
        },
      };
    }
    const warnings: CheckWarning[] = [];
    if (found.PrimaryRegion !== undefined && found.PrimaryRegion !== region) {
      warnings.push({
        code: "not_primary_region",
        action: "sso:ListInstances",
        message: `Region ${region} is a replica of instance ${instanceArn}; its primary region is ${found.PrimaryRegion}, where permission sets and assignments are managed. Prefer Region ${found.PrimaryRegion}.`,
      });
    }
    if (found.Status !== undefined && found.Status !== "ACTIVE") {
      warnings.push({
        code: "instance_not_active",
        message: `Instance ${instanceArn} is ${found.Status}${found.StatusReason === undefined ? "" : ` (${found.StatusReason})`}`,
      });
    }
    return { found, warnings };
  }

  const elsewhere = await locate(instanceArn, otherRegions, listIn, signal);
  if (elsewhere !== undefined) {
    return {
      warnings: [],
      error: {
        code: "wrong_region",
        field: "region",
        message: `The role sees no instance ${instanceArn} in ${region}, but it does in ${elsewhere}: set Region to ${elsewhere}, the region where IAM Identity Center is enabled.`,
      },
    };
  }
  const sees =
    instances.length === 0
      ? `The role sees no IAM Identity Center instance in ${region}${otherRegions.length > 0 ? " nor in any other region" : ""}: check that the role is in the organization's management account (or the delegated administrator account) and that Region is where IAM Identity Center is enabled.`
      : `The role sees ${instances.map(describe).join(", ")}.${owner === undefined ? "" : ` Identity Store ${identityStoreId} is that of ${owner.InstanceArn ?? "?"}: use that Instance ARN.`}`;
  return {
    warnings: [],
    error: {
      code: "instance_not_found",
      field: "instanceArn",
      message: `Instance ARN ${instanceArn} is not an IAM Identity Center instance the role can see in ${region}. ${sees}`,
    },
  };
}

/** The first other region where the role sees the instance, if any. */
async function locate(
  instanceArn: string,
  regions: readonly string[],
  listIn: ListInstancesIn,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const hits = await mapConcurrent(
    regions,
    SWEEP_CONCURRENCY,
    async (region) => {
      try {
        const list = await listIn(region);
        return list?.some((i) => i.InstanceArn === instanceArn) === true ? region : undefined;
      } catch (err) {
        // A region the account has not enabled, or where the role is refused, tells us nothing.
        if (signal?.aborted === true) throw err;
        return undefined;
      }
    },
    { signal },
  );
  return hits.find((r) => r !== undefined);
}
