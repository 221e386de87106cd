// Credentials for one connection: the platform's own principal (the SDK's default chain, optionally
// first assuming IDC_SYNC_PLATFORM_ROLE_ARN) assumes the customer's role with the organization's
// ExternalId, through the regional STS endpoint of the connection. Credentials are cached once for
// all clients of a sync and refreshed 5 minutes before they expire, or at once when AWS says a
// token expired early (see RefreshableCredentials.invalidate). Credentials never reach logs.
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type {
  AwsCredentialIdentity,
  AwsCredentialIdentityProvider,
  Pluggable,
  RetryStrategyV2,
} from "@smithy/types";
import { ValidationError } from "../../domain/errors.js";
import { classifyAwsError } from "./aws-errors.js";
import { roleSessionName } from "./session-name.js";

/** Role chaining caps sessions at one hour, so that is also our default and maximum. */
export const DEFAULT_SESSION_SECONDS = 3600;
/** Refresh this long before expiry (as the SDK's own memoization does). */
export const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

const EXTERNAL_ID_RE = /^[\w+=,.@:/-]{2,1224}$/;

/** The AssumeRole chain of one connection. */
export interface CustomerRoleCredentialsOptions {
  roleArn: string;
  /** The idc-sync organization's external id, sent as sts:ExternalId. */
  externalId: string;
  /** RoleSessionName, see roleSessionName(). */
  sessionName: string;
  /** The connection's region: STS is called at its regional endpoint. */
  region: string;
  /** A role the platform assumes first (IDC_SYNC_PLATFORM_ROLE_ARN). */
  platformRoleArn?: string;
  /** STS endpoint override (the sandbox); otherwise the SDK resolves it (AWS_ENDPOINT_URL_STS works). */
  endpointUrl?: string;
  /** 900-3600; default 3600. */
  durationSeconds?: number;
  /** The platform's own credentials; default the SDK's node provider chain (tests pass static ones). */
  platformCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Plugins for the STS clients, e.g. the request budget and call meter. */
  stsPlugins?: Pluggable<object, object>[];
  /** Retry strategy for the STS clients. */
  retryStrategy?: RetryStrategyV2;
}

/**
 * A provider of the customer role's credentials (AssumeRole with ExternalId, chained from the
 * platform's principal). Each call assumes the role afresh: wrap it in refreshableCredentials() to
 * cache. Failures come out classified for "sts:AssumeRole" (AccessDeniedError names the trust policy).
 */
export function customerRoleCredentials(opts: CustomerRoleCredentialsOptions): AwsCredentialIdentityProvider {
  if (!EXTERNAL_ID_RE.test(opts.externalId)) {
    throw new ValidationError(
      "externalId",
      "The external id must be 2-1224 characters of letters, digits and + = , . @ : / - _",
    );
  }
  const durationSeconds = opts.durationSeconds ?? DEFAULT_SESSION_SECONDS;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 3600) {
    throw new ValidationError("durationSeconds", "The session duration must be 900-3600 seconds");
  }
  const clientConfig = {
    region: opts.region,
    ...(opts.endpointUrl === undefined ? {} : { endpoint: opts.endpointUrl }),
    ...(opts.retryStrategy === undefined ? {} : { retryStrategy: opts.retryStrategy }),
  };
  const plugins = opts.stsPlugins === undefined ? {} : { clientPlugins: opts.stsPlugins };
  let source = opts.platformCredentials ?? fromNodeProviderChain();
  if (opts.platformRoleArn !== undefined) {
    source = fromTemporaryCredentials({
      params: {
        RoleArn: opts.platformRoleArn,
        RoleSessionName: roleSessionName("platform"),
        DurationSeconds: durationSeconds,
      },
      masterCredentials: source,
      clientConfig,
      ...plugins,
    });
  }
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: opts.roleArn,
      RoleSessionName: opts.sessionName,
      ExternalId: opts.externalId,
      DurationSeconds: durationSeconds,
    },
    masterCredentials: source,
    clientConfig,
    ...plugins,
  });
  return async (properties) => {
    try {
      return await assume(properties);
    } catch (err) {
      throw classifyAwsError(err, "sts:AssumeRole");
    }
  };
}

/** One credential cache shared by all clients of a sync. */
export interface RefreshableCredentials {
  /** Give this to SDK clients: cached, refreshed before expiry, concurrent fetches coalesced. */
  readonly provider: AwsCredentialIdentityProvider;
  /** Bumped by every fetch: tells which credentials a request was signed with. */
  generation(): number;
  /** Drops the cache if it still holds the credentials of `generation` (AWS said they expired). */
  invalidate(generation: number): void;
}

/**
 * Caches `source` for all clients of a sync. The provider is marked as memoized so that the SDK
 * clients use this one cache instead of wrapping it in one cache each (@aws-sdk/core checks the
 * `memoized` flag), which lets one refresh serve every client.
 */
export function refreshableCredentials(
  source: AwsCredentialIdentity | AwsCredentialIdentityProvider,
  options: { now?: () => number; refreshBeforeMs?: number } = {},
): RefreshableCredentials {
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? REFRESH_BEFORE_EXPIRY_MS;
  const fetchSource: AwsCredentialIdentityProvider =
    typeof source === "function" ? source : () => Promise.resolve(source);
  let cached: { identity: AwsCredentialIdentity; generation: number } | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  let generation = 0;

  const fresh = (identity: AwsCredentialIdentity) =>
    identity.expiration === undefined || identity.expiration.getTime() - now() > refreshBeforeMs;

  const provider = (properties?: Record<string, unknown>): Promise<AwsCredentialIdentity> => {
    if (cached !== undefined && properties?.forceRefresh !== true && fresh(cached.identity)) {
      return Promise.resolve(cached.identity);
    }
    pending ??= fetchSource(properties)
      .then((identity) => {
        generation += 1;
        cached = { identity, generation };
        return identity;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  Object.assign(provider, { memoized: true });
  return {
    provider,
    generation: () => generation,
    invalidate: (g) => {
      if (cached?.generation === g) cached = undefined;
    },
  };
}
