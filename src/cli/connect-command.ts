// `idc-sync connect`: connects an Identity Center instance to an organization (validated first;
// nothing is stored when a value is wrong). The first sync runs with 'idc-sync sync' or the service.
import { parseConnectionValues } from "../domain/connection-values.js";
import { ValidationError } from "../domain/errors.js";
import type { ConnectionValues } from "../domain/model.js";
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
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

Options:
  --role-arn A            the read-only role idc-sync assumes
  --region R              the Identity Center region, e.g. us-east-1
  --identity-store-id D   d-1234567890
  --instance-arn I        arn:aws:sso:::instance/ssoins-...
  --name N                display name (default "AWS Identity Center (<identity store id>)")
  --schedule-minutes M    sync interval, 5 to 10080 (default 360)
  --endpoint-url U        advanced: an AWS-compatible endpoint for this connection (e.g. the sandbox)
${DATA_HELP}
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
    throw new UsageError(`--endpoint-url: expected an http:// or https:// URL, got '${value}'`);
  }
  return value;
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
    async ({ values, positionals }, store) => {
      if (positionals.length > 0)
        throw new UsageError(`unexpected argument '${positionals[0]}'; run 'idc-sync connect --help'`);
      let connectionValues: ConnectionValues;
      try {
        connectionValues = parseConnectionValues({
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
      const url = endpointUrl(values["endpoint-url"]);
      const schedule = intOption("schedule-minutes", values["schedule-minutes"], 360, 10_080);
      const organization = await resolveOrganization(store, values.org);
      const connection = await store.createConnection(organization.id, {
        values: connectionValues,
        scheduleMinutes: schedule,
        ...(values.name === undefined ? {} : { name: values.name }),
        ...(url === undefined ? {} : { endpointUrl: url }),
      });
      if (values.json === true) {
        writeJson(ctx, connection);
        return EXIT_OK;
      }
      ctx.stdout.write(
        [
          `Connected: ${connection.name}`,
          `Id:        ${connection.id}`,
          `State:     ${connection.state} (syncs every ${connection.scheduleMinutes} minutes while 'idc-sync start' runs)`,
          `First sync now: idc-sync sync ${connection.id}`,
          "",
        ].join("\n"),
      );
      return EXIT_OK;
    },
  );
