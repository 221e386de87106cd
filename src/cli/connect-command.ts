// `idc-sync connect`: connects an Identity Center instance to an organization. The values are
// validated, then the connect-time checks run with the organization's external id (trust policy,
// instance, region, the 20 actions): a connection the sync could not use is refused and nothing
// is stored. The first sync runs with 'idc-sync sync' or the service.
import { endpointAddress, endpointAllowed } from "../domain/endpoint-allowlist.js";
import { runConnectionChecks, formatCheckReport } from "../connectors/aws-identity-center/checks.js";
import type { Connection } from "../domain/connection.js";
import { parseConnectionValues } from "../domain/connection-values.js";
import { ValidationError } from "../domain/errors.js";
import type { ConnectionValues } from "../domain/model.js";
import { checkRows, checkWarnings, refusal, refusalLine } from "./connect-checks.js";
import type { CliContext, Command } from "./context.js";
import { EXIT_OK, EXIT_USAGE } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  intOption,
  resolveOrganization,
  runStoreCommand,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync connect --role-arn A --region R --identity-store-id D --instance-arn I [options]

Connects an IAM Identity Center instance. The values come from the AWS console: the role's ARN
(IAM > Roles, the role made with 'idc-sync policy'), and the Identity Store ID and Instance ARN
(IAM Identity Center > Settings), in the region where Identity Center is enabled.

Before saving, idc-sync assumes the role with your organization's external id and checks the
trust policy, the instance, its region and each action of the permission policy (as 'idc-sync
check' does). A problem the sync cannot work around refuses the connection (exit 2, nothing is
saved); optional actions that are missing are reported as warnings.

Options:
  --role-arn A            the read-only role idc-sync assumes
  --region R              the Identity Center region, e.g. us-east-1
  --identity-store-id D   d-1234567890
  --instance-arn I        arn:aws:sso:::instance/ssoins-...
  --name N                display name (default "AWS Identity Center (<identity store id>)")
  --schedule-minutes M    sync interval, 5 to 10080 (default 360)
  --endpoint-url U        advanced: an AWS-compatible endpoint for this connection (e.g. the sandbox);
                          default: AWS_ENDPOINT_URL when set. Either way it is stored with the
                          connection, so every later sync (the service's too) goes there
${DATA_HELP}
                  with --json: the connection with { checks, warnings }, or when refused
                  { error: { code, message }, checks, warnings }

Exit codes: 0 connected, 2 bad input or refused by the checks, 1 failure.
`;

const FLAGS: Record<keyof ConnectionValues, string> = {
  roleArn: "--role-arn",
  region: "--region",
  identityStoreId: "--identity-store-id",
  instanceArn: "--instance-arn",
};

function endpointUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(
      `--endpoint-url: expected an http:// or https:// URL such as http://127.0.0.1:4566, got '${value}'`,
    );
  }
  return value;
}

/**
 * Where this connection's AWS is: --endpoint-url, else the AWS_ENDPOINT_URL the checks are about to
 * use (the SDK reads it), which is stored too: the service that syncs the connection every few
 * hours may run without that variable, and would otherwise call real AWS and fail each time.
 */
function connectionEndpoint(
  ctx: CliContext,
  flag: string | undefined,
): { url: string | undefined; fromEnv: boolean } {
  const given = endpointUrl(flag);
  if (given !== undefined) return { url: given, fromEnv: false };
  const services = ctx.config.awsServiceEndpointVars;
  if (services.length > 0) {
    throw new UsageError(
      `${services.join(", ")} ${services.length === 1 ? "is" : "are"} set: a connection keeps one endpoint for all ` +
        "its AWS services, so the service could not sync it the way this shell reaches AWS; give --endpoint-url " +
        "(or unset the per-service variables)",
    );
  }
  const env = ctx.config.awsEndpointUrl;
  if (env === undefined) return { url: undefined, fromEnv: false };
  try {
    return { url: endpointUrl(env), fromEnv: true };
  } catch {
    throw new UsageError(
      `AWS_ENDPOINT_URL: expected an http:// or https:// URL such as http://127.0.0.1:4566, got '${env}'; fix or unset it`,
    );
  }
}

function parseValues(
  values: Partial<Record<"role-arn" | "region" | "identity-store-id" | "instance-arn", string>>,
) {
  try {
    return parseConnectionValues({
      roleArn: values["role-arn"],
      region: values.region,
      identityStoreId: values["identity-store-id"],
      instanceArn: values["instance-arn"],
    });
  } catch (err) {
    if (err instanceof ValidationError) {
      const flag = FLAGS[err.field as keyof ConnectionValues] ?? err.field;
      throw new UsageError(`${flag}: ${err.message}`);
    }
    throw err;
  }
}

function printConnected(
  ctx: CliContext,
  connection: Connection,
  warnings: string[],
  endpointFromEnv: boolean,
): void {
  ctx.stdout.write(
    [
      `Connected: ${connection.name}`,
      `Id:        ${connection.id}`,
      ...(connection.endpointUrl === null
        ? []
        : [
            `Endpoint:  ${connection.endpointUrl}${endpointFromEnv ? " (from AWS_ENDPOINT_URL, stored with the connection: every sync of it goes there)" : ""}`,
            // Said now, not found out by a failing scheduled sync: the service syncs a stored
            // endpoint only within its allowlist (the CLI, the operator's own, is not limited).
            ...(endpointAllowed(connection.endpointUrl, ctx.config.endpointAllowlist)
              ? []
              : [
                  `Note:      'idc-sync start' syncs this connection only with IDC_SYNC_ENDPOINT_ALLOWLIST allowing ${endpointAddress(connection.endpointUrl)} (this environment's does not)`,
                ]),
          ]),
      `State:     ${connection.state} (syncs every ${connection.scheduleMinutes} minutes while 'idc-sync start' runs)`,
      ...warnings,
      `First sync now: idc-sync sync ${connection.id}`,
      "",
    ].join("\n"),
  );
}

export const connectCommand: Command = (args, ctx) =>
  runStoreCommand(
    "connect",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      "role-arn": { type: "string" },
      region: { type: "string" },
      "identity-store-id": { type: "string" },
      "instance-arn": { type: "string" },
      name: { type: "string" },
      "schedule-minutes": { type: "string" },
      "endpoint-url": { type: "string" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length > 0)
        throw new UsageError(`unexpected argument '${positionals[0]}'; run 'idc-sync connect --help'`);
      const connectionValues = parseValues(values);
      const { url, fromEnv } = connectionEndpoint(ctx, values["endpoint-url"]);
      const schedule = intOption("schedule-minutes", values["schedule-minutes"], 360, 10_080, 5);
      if (values.name?.trim() === "")
        throw new UsageError("--name: give a display name, or leave --name out");
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const existing = (await store.listConnections(organization.id)).find(
        (c) => c.values.instanceArn === connectionValues.instanceArn,
      );
      if (existing !== undefined) {
        throw new UsageError(
          `--instance-arn: ${organization.name} already connects this instance as "${existing.name}" (${existing.id}); 'idc-sync connections' lists it`,
        );
      }

      const report = await runConnectionChecks({
        values: connectionValues,
        externalId: organization.externalId,
        connectionId: "connect-check",
        ...(ctx.config.platformRoleArn === undefined ? {} : { platformRoleArn: ctx.config.platformRoleArn }),
        ...(ctx.config.platformPrincipalArn === undefined
          ? {}
          : { platformPrincipalArn: ctx.config.platformPrincipalArn }),
        ...(url === undefined ? {} : { endpointUrl: url }),
        signal: ctx.stopSignal,
      });
      if (report.blocking) {
        const refused = refusal(report);
        ctx.stdout.write(
          values.json === true ? `${JSON.stringify(refused, null, 2)}\n` : formatCheckReport(report),
        );
        ctx.stderr.write(
          `idc-sync connect: ${refusalLine(refused, values.json !== true).replace(/\s*\n\s*/g, " ")}\n`,
        );
        return EXIT_USAGE;
      }

      const connection = await store.createConnection(organization.id, {
        values: connectionValues,
        scheduleMinutes: schedule,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(url === undefined ? {} : { endpointUrl: url }),
      });
      if (values.json === true) {
        writeJson(ctx, { ...connection, checks: checkRows(report), warnings: checkWarnings(report) });
        return EXIT_OK;
      }
      printConnected(
        ctx,
        connection,
        report.warnings.map((w) => `Warning:   ${w.action === undefined ? "" : `${w.action}: `}${w.message}`),
        fromEnv,
      );
      return EXIT_OK;
    },
  );
