// Connect-time checks for the API: runs the connector's checks with the organization's external
// id, the connection's endpoint and the same platform credentials its syncs use, shapes the report
// for the contract, and decides whether a new connection may be saved.
import { runConnectionChecks, type CheckReport } from "../connectors/aws-identity-center/checks.js";
import type { Connection } from "../domain/connection.js";
import { assertEndpointAllowed, type EndpointPattern } from "../domain/endpoint-allowlist.js";
import type { PlatformSide } from "../engine/sync-read.js";
import type { ConnectionValues } from "../domain/model.js";
import type { Organization } from "../domain/organization.js";
import type { CheckResult } from "./api-contract.js";
import type { HttpDeps, PlatformPrincipal } from "./deps.js";
import { ConnectRefusedError } from "./errors.js";

/** How a connection's AWS calls are signed before the customer's role is assumed (the sync's own). */
export type PlatformOptions = PlatformSide;

export interface ChecksOptions {
  /** Per connection (null: values not saved yet): the same platform side its syncs use. */
  platformOptions: (c: Connection | null) => PlatformOptions;
  platformPrincipal: () => Promise<PlatformPrincipal>;
  /** IDC_SYNC_ENDPOINT_ALLOWLIST: nothing is sent to an endpoint outside it (the demo's own excepted). */
  endpointAllowlist: readonly EndpointPattern[];
  /** Test seam. */
  run?: typeof runConnectionChecks;
}

export function checkResultView(report: CheckReport): CheckResult {
  return {
    ok: report.ok,
    blocking: report.blocking,
    instanceType: report.instanceType,
    checks: report.checks.map((c) => ({
      action: c.action,
      ok: c.ok,
      required: c.required,
      message: c.message,
    })),
    warnings: report.warnings.map((w) => ({ code: w.code, message: w.message, action: w.action ?? null })),
    error:
      report.error === undefined
        ? null
        : { code: report.error.code, message: report.error.message, field: report.error.field ?? null },
  };
}

export function createChecks(options: ChecksOptions): Pick<HttpDeps, "checkValues" | "checkConnection"> {
  const run = options.run ?? runConnectionChecks;
  const principalArn = async () => {
    const p = await options.platformPrincipal();
    return p.arn === null ? {} : { platformPrincipalArn: p.arn };
  };
  return {
    async checkValues(organization: Organization, values: ConnectionValues, endpointUrl: string | null) {
      if (endpointUrl !== null) assertEndpointAllowed(endpointUrl, options.endpointAllowlist, false);
      const extra = await principalArn();
      return checkResultView(
        await run({
          values,
          externalId: organization.externalId,
          connectionId: "connect-check",
          ...(endpointUrl === null ? {} : { endpointUrl }),
          ...options.platformOptions(null),
          ...extra,
        }),
      );
    },
    async checkConnection(organization: Organization, connection: Connection) {
      // A stored endpoint is checked again: the allowlist may have changed since it was saved.
      if (connection.endpointUrl !== null && !connection.demo)
        assertEndpointAllowed(connection.endpointUrl, options.endpointAllowlist, true);
      const extra = await principalArn();
      return checkResultView(
        await run({
          values: connection.values,
          externalId: organization.externalId,
          connectionId: connection.id,
          ...(connection.endpointUrl === null ? {} : { endpointUrl: connection.endpointUrl }),
          ...options.platformOptions(connection),
          ...extra,
        }),
      );
    },
  };
}

/** Check errors that mean a typed value is wrong (400), not the AWS side's setup (422). */
const VALUE_ERRORS: ReadonlySet<string> = new Set([
  "instance_not_found",
  "identity_store_mismatch",
  "wrong_region",
]);

/**
 * Why a connection with this check result must not be saved, or null when it may be: an error of
 * the trust policy or a value, or a required check that failed (each one named).
 */
export function connectRefusal(result: CheckResult): ConnectRefusedError | null {
  if (!result.blocking) return null;
  const rows = { checks: result.checks, warnings: result.warnings };
  if (result.error !== null) {
    const { code, message, field } = result.error;
    const status = field !== null && VALUE_ERRORS.has(code) ? 400 : 422;
    return new ConnectRefusedError(status, {
      error: { code, message, ...(field === null ? {} : { field }) },
      ...rows,
    });
  }
  const failed = result.checks.filter((c) => c.required && !c.ok).map((c) => c.action);
  const single = failed.length === 1 ? failed[0] : undefined;
  const message =
    `The role lacks ${failed.length === 1 ? "a permission" : "permissions"} the sync needs: ${failed.join(", ")}. ` +
    `Add ${failed.length === 1 ? "it" : "them"} to the role's permission policy ('idc-sync policy' prints it), then connect again.`;
  return new ConnectRefusedError(422, {
    error: { code: "missing_permissions", message, ...(single === undefined ? {} : { action: single }) },
    ...rows,
  });
}
