// The AWS SDK clients of one connection's sync (CloudTrail's only for the optional activity read), sharing one credential cache, one request budget
// and one call meter. Every send() of these clients:
// - waits for the budget before each HTTP attempt (retries included) and is counted by IAM action;
// - is retried on throttling (by error name too: sso-admin throttles with HTTP 400) and on passing
//   failures, with backoff honouring RetryAfterSeconds, up to `maxAttempts` attempts;
// - refreshes the credentials and tries again when AWS says the session token expired;
// - rejects with an IdcSyncError (classifyAwsError) naming the IAM action, or with the abort reason
//   once `signal` is aborted.
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { organizationsRegion, partitionOf } from "../../domain/connection-values.js";
import type { ConnectionValues } from "../../domain/model.js";
import { RequestBudget } from "../../aws-calls/request-budget.js";
import { SdkRetryStrategy } from "../../aws-calls/retry-strategy.js";
import type { RetryKind, RetryStrategyOptions } from "../../aws-calls/retry-strategy.js";
import { isThrottle, isTransient, retryAfterMs } from "./aws-errors.js";
import { CallCounter, callPlugin } from "./call-middleware.js";
import type { CallMeter } from "./call-middleware.js";
import { customerRoleCredentials, refreshableCredentials } from "./credentials.js";
import { roleSessionName } from "./session-name.js";

export type { CallMeter } from "./call-middleware.js";

/** Attempts per call (the first included) unless told otherwise: enough to ride out throttling. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** The clients of one connection's sync; call destroy() when the sync ends. */
export interface IdcClients {
  /** Region = values.region. */
  identityStore: IdentitystoreClient;
  /** Region = values.region. */
  ssoAdmin: SSOAdminClient;
  /** Region = organizationsRegion(partition of the role ARN). */
  organizations: OrganizationsClient;
  /** Region = values.region: Identity Center logs its sign-ins in the instance's region. */
  cloudTrail: CloudTrailClient;
  /** Counts every HTTP attempt by IAM action (sts:AssumeRole included), retries and throttles. */
  meter: CallMeter;
  /** Closes the clients' connections. */
  destroy(): void;
}

/** What createIdcClients needs: the validated connection values and the tenant's external id. */
export interface CreateIdcClientsOptions {
  values: ConnectionValues;
  /** The idc-sync organization's external id (sts:ExternalId). */
  externalId: string;
  /** Goes into the RoleSessionName (idc-sync-<connection id>). */
  connectionId: string;
  platformRoleArn?: string;
  /** One endpoint for all clients and STS (the sandbox); otherwise the SDK's own resolution. */
  endpointUrl?: string;
  /** Shared by all calls of the sync; default a new RequestBudget with default rates. */
  budget?: RequestBudget;
  /** Attempts per call, the first included. Default 8. */
  maxAttempts?: number;
  /** Aborts waits for the budget and between retries; calls then reject with the abort reason. */
  signal?: AbortSignal;
  /** Replaces the whole AssumeRole chain (tests). */
  credentials?: AwsCredentialIdentityProvider;
  /** The platform's own credentials before AssumeRole; default the SDK's chain (tests pass static ones). */
  platformCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Backoff tuning (tests shorten the delays). */
  retry?: Pick<
    RetryStrategyOptions,
    "baseDelayMs" | "throttleBaseDelayMs" | "maxDelayMs" | "maxRetryAfterMs"
  >;
}

function retryKindOf(err: unknown): RetryKind {
  if (isThrottle(err)) return "throttle";
  return isTransient(err) ? "transient" : undefined;
}

/** Builds the three clients of one connection's sync (no AWS call is made until the first send). */
export function createIdcClients(opts: CreateIdcClientsOptions): IdcClients {
  const { values, signal } = opts;
  const budget = opts.budget ?? new RequestBudget();
  const meter = new CallCounter();
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const retryStrategy = () =>
    new SdkRetryStrategy({ ...opts.retry, kindOf: retryKindOf, retryAfterMs, maxAttempts, signal });
  const endpoint = opts.endpointUrl === undefined ? {} : { endpoint: opts.endpointUrl };

  const source =
    opts.credentials ??
    customerRoleCredentials({
      roleArn: values.roleArn,
      externalId: opts.externalId,
      sessionName: roleSessionName(opts.connectionId),
      region: values.region,
      ...(opts.platformRoleArn === undefined ? {} : { platformRoleArn: opts.platformRoleArn }),
      ...(opts.endpointUrl === undefined ? {} : { endpointUrl: opts.endpointUrl }),
      ...(opts.platformCredentials === undefined ? {} : { platformCredentials: opts.platformCredentials }),
      stsPlugins: [callPlugin({ serviceId: "sts", budget, meter, signal })],
      retryStrategy: retryStrategy(),
    });
  const credentials = refreshableCredentials(source);
  const common = { credentials: credentials.provider, maxAttempts, ...endpoint };

  const identityStore = new IdentitystoreClient({
    ...common,
    region: values.region,
    retryStrategy: retryStrategy(),
  });
  const ssoAdmin = new SSOAdminClient({ ...common, region: values.region, retryStrategy: retryStrategy() });
  const organizations = new OrganizationsClient({
    ...common,
    region: organizationsRegion(partitionOf(values)),
    retryStrategy: retryStrategy(),
  });
  const cloudTrail = new CloudTrailClient({
    ...common,
    region: values.region,
    retryStrategy: retryStrategy(),
  });
  identityStore.middlewareStack.use(
    callPlugin({ serviceId: "identitystore", budget, meter, signal, credentials }),
  );
  ssoAdmin.middlewareStack.use(callPlugin({ serviceId: "sso-admin", budget, meter, signal, credentials }));
  organizations.middlewareStack.use(
    callPlugin({ serviceId: "organizations", budget, meter, signal, credentials }),
  );
  cloudTrail.middlewareStack.use(callPlugin({ serviceId: "cloudtrail", budget, meter, signal, credentials }));

  return {
    identityStore,
    ssoAdmin,
    organizations,
    cloudTrail,
    meter,
    destroy() {
      identityStore.destroy();
      ssoAdmin.destroy();
      organizations.destroy();
      cloudTrail.destroy();
    },
  };
}
