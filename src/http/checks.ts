// Connect-time checks for the API: runs the connector's checks with the organization's external
// id and the connection's own endpoint and credentials, and shapes the report for the contract.
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { runConnectionChecks, type CheckReport } from "../connectors/aws-identity-center/checks.js";
import type { Connection } from "../domain/connection.js";
import type { ConnectionValues } from "../domain/model.js";
import type { Organization } from "../domain/organization.js";
import type { CheckResult } from "./api-contract.js";
import type { HttpDeps, PlatformPrincipal } from "./deps.js";

export interface ChecksOptions {
  /** Per connection: the demo's dummy platform credentials, or the platform role to assume first. */
  connectorOptions: (c: Connection) => {
    platformCredentials?: AwsCredentialIdentityProvider;
    platformRoleArn?: string;
  };
  platformPrincipal: () => Promise<PlatformPrincipal>;
  /** IDC_SYNC_PLATFORM_ROLE_ARN, for checks of values not yet saved. */
  platformRoleArn?: string | undefined;
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
    async checkValues(organization: Organization, values: ConnectionValues) {
      const extra = await principalArn();
      return checkResultView(
        await run({
          values,
          externalId: organization.externalId,
          connectionId: "connect-check",
          ...(options.platformRoleArn === undefined ? {} : { platformRoleArn: options.platformRoleArn }),
          ...extra,
        }),
      );
    },
    async checkConnection(organization: Organization, connection: Connection) {
      const extra = await principalArn();
      return checkResultView(
        await run({
          values: connection.values,
          externalId: organization.externalId,
          connectionId: connection.id,
          ...(connection.endpointUrl === null ? {} : { endpointUrl: connection.endpointUrl }),
          ...options.connectorOptions(connection),
          ...extra,
        }),
      );
    },
  };
}
