// What the HTTP layer needs from the rest of the service; wired in src/app.ts.
import type { Connection } from "../domain/connection.js";
import type { ConnectionValues } from "../domain/model.js";
import type { Organization } from "../domain/organization.js";
import type { Scheduler } from "../scheduler/scheduler.js";
import type { Store } from "../store/store.js";
import type { CheckResult } from "./api-contract.js";

export interface PlatformPrincipal {
  arn: string | null;
  /** Why `arn` is null, for the setup page. */
  problem: string | null;
}

export interface HttpDeps {
  store: Store;
  scheduler: Scheduler;
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
  /** Config `allowEndpointUrl`: API callers may set a connection's own endpoint URL. */
  allowEndpointUrl: boolean;
}
