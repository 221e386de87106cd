// `idc-sync check`: the connect-time checks for a stored connection, or for values given as flags
// (usable before anything is stored). Exit 0 when the connection can be used, 2 when not.
import { parseArgs } from "node:util";
import {
  formatCheckReport,
  runConnectionChecks,
  type ConnectionCheckOptions,
} from "../connectors/aws-identity-center/checks.js";
import type { Config } from "../config.js";
import { platformSide } from "../sync-wiring.js";
import { IdcSyncError, ValidationError } from "../domain/errors.js";
import type { Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";
import { findOrganization, withStore } from "./policy-command.js";
import { argsErrorMessage } from "./store-cli.js";

const HELP = `Usage: idc-sync check CONNECTION [--org ORG] [--json]
       idc-sync check --role-arn ARN --region REGION --identity-store-id ID
                      --instance-arn ARN --external-id ID [--endpoint-url URL] [--json]

Checks that idc-sync can read an IAM Identity Center instance, and names each problem with its
fix: the role's trust policy (it must require your organization's external id), the instance,
its Identity Store ID and region, each of the 20 actions of the permission policy, and the
optional extras the sync uses when allowed (sso:DescribeInstance, sso:GetPermissionsBoundaryForPermissionSet).

  CONNECTION                a stored connection (id or name) of the organization
  --org ORG                 the organization (id or name); default: the default organization
  --role-arn ARN            e.g. arn:aws:iam::123456789012:role/IdcSyncReadOnly
  --region REGION           the region where Identity Center is enabled, e.g. us-east-1
  --identity-store-id ID    e.g. d-1234567890 (IAM Identity Center > Settings)
  --instance-arn ARN        e.g. arn:aws:sso:::instance/ssoins-1234567890abcdef
  --external-id ID          the organization's external id ('idc-sync policy' prints it)
  --endpoint-url URL        send every AWS call to this endpoint (e.g. the sandbox)
  --json                    machine output: { ok, blocking, instanceType, checks, warnings, error? }
  -h, --help                this help

Exit codes: 0 the connection can be used (warnings aside), 2 it cannot (or bad input), 1 failure.
`;

const OPTIONS = {
  org: { type: "string" },
  "role-arn": { type: "string" },
  region: { type: "string" },
  "identity-store-id": { type: "string" },
  "instance-arn": { type: "string" },
  "external-id": { type: "string" },
  "endpoint-url": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

const VALUE_FLAGS = ["role-arn", "region", "identity-store-id", "instance-arn", "external-id"] as const;

/** The flag behind each field a ValidationError may name. */
const FLAG_OF_FIELD: Record<string, string> = {
  roleArn: "--role-arn",
  region: "--region",
  identityStoreId: "--identity-store-id",
  instanceArn: "--instance-arn",
  externalId: "--external-id",
};

type Target = Pick<ConnectionCheckOptions, "values" | "externalId" | "connectionId"> & {
  endpointUrl?: string;
  platformCredentials?: NonNullable<ConnectionCheckOptions["platformCredentials"]>;
};

class UsageError extends Error {}

export const checkCommand: Command = async (args, ctx) => {
  const fail = (code: number, message: string): number => {
    ctx.stderr.write(`idc-sync check: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (err) {
    return fail(EXIT_USAGE, `${argsErrorMessage(err)}; run 'idc-sync check --help'`);
  }
  const o = parsed.values;
  if (o.help === true) {
    ctx.stdout.write(HELP);
    return EXIT_OK;
  }
  try {
    const target = await resolveTarget(parsed.positionals, o, ctx.config);
    const report = await runConnectionChecks({
      ...target,
      signal: ctx.stopSignal,
    });
    ctx.stdout.write(o.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(report));
    return report.blocking ? EXIT_USAGE : EXIT_OK;
  } catch (err) {
    if (err instanceof UsageError) return fail(EXIT_USAGE, `${err.message}; run 'idc-sync check --help'`);
    if (err instanceof ValidationError) {
      const flag = FLAG_OF_FIELD[err.field];
      return fail(EXIT_USAGE, flag === undefined ? err.message : `${flag}: ${err.message}`);
    }
    if (ctx.stopSignal.aborted) return fail(EXIT_FAILURE, "stopped");
    if (err instanceof IdcSyncError) return fail(EXIT_FAILURE, err.message);
    return fail(EXIT_FAILURE, `unexpected error: ${(err as Error).message}`);
  }
};

async function resolveTarget(
  positionals: string[],
  o: Partial<Record<(typeof VALUE_FLAGS)[number] | "org" | "endpoint-url", string>>,
  config: Config,
): Promise<Target> {
  const endpointUrl = o["endpoint-url"];
  if (endpointUrl !== undefined && !URL.canParse(endpointUrl)) {
    throw new UsageError(
      `--endpoint-url ${JSON.stringify(endpointUrl)} is not a URL: expected e.g. http://127.0.0.1:4566`,
    );
  }
  const given = VALUE_FLAGS.filter((f) => o[f] !== undefined);
  if (positionals.length > 1) throw new UsageError("give one CONNECTION");
  const [ref] = positionals;
  if (ref !== undefined) {
    if (given.length > 0) throw new UsageError(`CONNECTION and --${given[0]} exclude each other`);
    return withStore(config, async (store) => {
      const organization = await findOrganization(store, o.org);
      const connections = await store.listConnections(organization.id);
      const connection = connections.find((c) => c.id === ref) ?? connections.find((c) => c.name === ref);
      if (connection === undefined) {
        throw new ValidationError(
          "connection",
          `no connection "${ref}" in organization ${organization.name}; 'idc-sync connections' lists them`,
        );
      }
      const url = endpointUrl ?? connection.endpointUrl ?? undefined;
      // The same platform side as the connection's syncs (the demo's dummy credentials for the
      // demo): unless --endpoint-url points the check somewhere else.
      const platform = platformSide(config)(endpointUrl === undefined ? connection : null);
      return {
        values: connection.values,
        externalId: organization.externalId,
        connectionId: connection.id,
        ...(url === undefined ? {} : { endpointUrl: url }),
        ...platform,
      };
    });
  }
  if (o.org !== undefined) throw new UsageError("--org goes with CONNECTION");
  const missing = VALUE_FLAGS.filter((f) => o[f] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `give CONNECTION, or all of --${VALUE_FLAGS.join(", --")} (missing --${missing.join(", --")})`,
    );
  }
  return {
    values: {
      roleArn: o["role-arn"] ?? "",
      region: o.region ?? "",
      identityStoreId: o["identity-store-id"] ?? "",
      instanceArn: o["instance-arn"] ?? "",
    },
    externalId: o["external-id"] ?? "",
    connectionId: "check",
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
    ...platformSide(config)(null),
  };
}
