// The one way a process reads a connection's Identity Center for a sync: the service's scheduler,
// "Sync now" and every CLI command build their reader here (through src/sync-wiring.ts), so they
// sign, budget and report the same way. The connection's stored `demo` flag, not its name or
// address, decides the demo's special case.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { RequestBudget } from "../aws-calls/request-budget.js";
import type { ReadOptions, ReadProgress } from "../connectors/aws-identity-center/index.js";
import type { Connection } from "../domain/connection.js";
import type { Organization } from "../domain/organization.js";
import { assertEndpointAllowed, type EndpointPattern } from "../domain/endpoint-allowlist.js";
import type { ReadResult } from "../domain/model.js";
import type { ReadFn } from "./sync-runner.js";
import type { ActivityReadFn } from "./activity-backfill.js";
import type { ActivityRead } from "../domain/activity.js";
import type { ReadActivityOnlyOptions } from "../connectors/aws-identity-center/index.js";

/** How a connection's AWS calls are signed before the customer's role is assumed. */
export interface PlatformSide {
  platformCredentials?: AwsCredentialIdentityProvider;
  platformRoleArn?: string;
}

export interface PlatformSideOptions {
  /** The platform's own credentials for every connection but the demo; default the SDK's chain. */
  platformCredentials?: AwsCredentialIdentityProvider | undefined;
  /** IDC_SYNC_PLATFORM_ROLE_ARN: assumed first, for every connection but the demo. */
  platformRoleArn?: string | undefined;
  /**
   * What the demo's in-process sandbox takes instead (it trusts any key it did not issue); absent,
   * the demo connection signs like any other.
   */
  demoCredentials?: AwsCredentialIdentityProvider | undefined;
}

/**
 * Per connection (null: values not saved yet, as in the connect checks): the demo connection alone
 * signs with the demo's dummy credentials; every other one with the platform's own.
 */
export function platformSideFor(options: PlatformSideOptions): (c: Connection | null) => PlatformSide {
  const ordinary: PlatformSide = {
    ...(options.platformCredentials === undefined
      ? {}
      : { platformCredentials: options.platformCredentials }),
    ...(options.platformRoleArn === undefined ? {} : { platformRoleArn: options.platformRoleArn }),
  };
  const demo: PlatformSide =
    options.demoCredentials === undefined ? ordinary : { platformCredentials: options.demoCredentials };
  return (c) => (c?.demo === true ? demo : ordinary);
}

export interface ConnectionReaderOptions extends PlatformSideOptions {
  /** Told each read's progress (the service stores it on the connection; the CLI prints it). */
  onProgress?: ((connectionId: string, progress: ReadProgress) => void) | undefined;
  /** The connector's read (test seam). */
  read: (options: ReadOptions) => Promise<ReadResult>;
  /**
   * IDC_SYNC_ENDPOINT_ALLOWLIST: a connection's stored endpoint is checked before every sync (the
   * allowlist may have changed since it was saved); outside it nothing is sent. The demo's
   * in-process sandbox is the process's own and exempt. Undefined: no check (the operator's CLI).
   */
  endpointAllowlist?: readonly EndpointPattern[] | undefined;
}

/**
 * What every read of a connection starts from, after the endpoint check: its values, the external
 * id, its endpoint, how it signs, and the demo's unpaced budget (its sandbox is local: AWS's request
 * quotas do not apply to it).
 */
function connectionOptions(
  platform: (c: Connection | null) => PlatformSide,
  endpointAllowlist: readonly EndpointPattern[] | undefined,
  connection: Connection,
  organization: Organization,
  signal: AbortSignal,
) {
  if (endpointAllowlist !== undefined && connection.endpointUrl !== null && !connection.demo)
    assertEndpointAllowed(connection.endpointUrl, endpointAllowlist, true);
  return {
    values: connection.values,
    externalId: organization.externalId,
    connectionId: connection.id,
    signal,
    ...(connection.endpointUrl === null ? {} : { endpointUrl: connection.endpointUrl }),
    ...platform(connection),
    ...(connection.demo ? { budget: new RequestBudget({ enabled: false }) } : {}),
  };
}

export function connectionReader(options: ConnectionReaderOptions): ReadFn {
  const platform = platformSideFor(options);
  const onProgress = options.onProgress;
  return async (connection, organization, signal, context) =>
    options.read({
      ...connectionOptions(platform, options.endpointAllowlist, connection, organization, signal),
      ...(onProgress === undefined ? {} : { onProgress: (p: ReadProgress) => onProgress(connection.id, p) }),
      // Sign-in activity (optional extra cloudtrail:LookupEvents), from where the last read ended.
      ...(context === undefined ? {} : { activity: { cursor: context.activityCursor } }),
    });
}

export interface ActivityReaderOptions extends PlatformSideOptions {
  /** The connector's activity-only read (test seam). */
  read: (options: ReadActivityOnlyOptions) => Promise<ActivityRead>;
  endpointAllowlist?: readonly EndpointPattern[] | undefined;
}

/** The backfill turns' reader: signed, budgeted and checked as a sync's. */
export function connectionActivityReader(options: ActivityReaderOptions): ActivityReadFn {
  const platform = platformSideFor(options);
  // One budget per connection across its turns: a fresh one starts with a burst that CloudTrail's
  // 2-request bucket, emptied by the last turn's steady pace, throttles (once a turn, measured: its
  // backoff cost 17% of the 2-TPS floor).
  const budgets = new Map<string, RequestBudget>();
  const budgetOf = (id: string): RequestBudget => {
    let budget = budgets.get(id);
    if (budget === undefined) budgets.set(id, (budget = new RequestBudget()));
    return budget;
  };
  return async (connection, organization, signal, context) =>
    options.read({
      ...(connection.demo ? {} : { budget: budgetOf(connection.id) }),
      ...connectionOptions(platform, options.endpointAllowlist, connection, organization, signal),
      cursor: context.cursor,
      stop: context.stop,
      permissionSets: context.permissionSets,
    });
}
