// What the HTTP layer needs from the rest of the service; wired in src/app.ts.
import type { SessionLimits } from "../domain/access.js";
import type { Connection } from "../domain/connection.js";
import type { EndpointPattern } from "../domain/endpoint-allowlist.js";
import type { ConnectionValues } from "../domain/model.js";
import type { Organization } from "../domain/organization.js";
import type { Metrics } from "../scheduler/metrics.js";
import type { SyncScheduler } from "../scheduler/sync-scheduler.js";
import type { Store } from "../store/store.js";
import type { CheckResult, ReadyReport } from "./api-contract.js";

export interface PlatformPrincipal {
  arn: string | null;
  /** Why `arn` is null, for the setup page. */
  problem: string | null;
}

export interface HttpDeps {
  store: Store;
  scheduler: SyncScheduler;
  /**
   * Checks validated values against AWS (or the given AWS-compatible endpoint) with the
   * organization's external id and the platform credentials a new connection's syncs would use.
   */
  checkValues(
    organization: Organization,
    values: ConnectionValues,
    endpointUrl: string | null,
  ): Promise<CheckResult>;
  /** The same checks for a stored connection (its own endpoint and credentials). */
  checkConnection(organization: Organization, connection: Connection): Promise<CheckResult>;
  platformPrincipal(): Promise<PlatformPrincipal>;
  version: string;
  /** Web sessions' idle and absolute expiry (config). */
  sessionLimits: SessionLimits;
  /** Config `endpointAllowlist`: where a connection's own endpoint URL may point. */
  endpointAllowlist: readonly EndpointPattern[];
  /** Notifications: where webhooks may point besides public https, and "deliver soon". */
  notify?: { allowlist: readonly EndpointPattern[]; kick(): void };
  /** Whether the job queue answers (absent: no queue, the embedded scheduler). */
  queueReachable?: () => Promise<boolean>;
  /** Served at /metrics (absent: /metrics answers 404). */
  metrics?: Metrics;
}

export type { ReadyReport };
