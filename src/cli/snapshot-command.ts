// `idc-sync snapshot`: reads one Identity Center instance and prints the ReadResult (snapshot,
// stats, warnings) as JSON on stdout. Needs no store: a way to see what a sync would read.
import { parseArgs } from "node:util";
import { readIdentityCenter } from "../connectors/aws-identity-center/index.js";
import { IdcSyncError, ValidationError } from "../domain/errors.js";
import type { Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";

const HELP = `Usage: idc-sync snapshot --role-arn ARN --region REGION --identity-store-id ID
                         --instance-arn ARN --external-id ID [options]

Reads an IAM Identity Center instance through the customer's role and prints what a sync reads
(users, groups, memberships, accounts, permission sets, assignments, effective access), call
statistics and warnings, as JSON on stdout.

Options:
  --role-arn ARN            the customer's read-only role, e.g. arn:aws:iam::123456789012:role/IdcSyncReadOnly
  --region REGION           the region where Identity Center is enabled, e.g. us-east-1
  --identity-store-id ID    e.g. d-1234567890 (IAM Identity Center > Settings)
  --instance-arn ARN        e.g. arn:aws:sso:::instance/ssoins-1234567890abcdef
  --external-id ID          the sts:ExternalId the role's trust policy requires
  --endpoint-url URL        send every AWS call to this endpoint (e.g. the sandbox)
  --connection-id ID        names the role session (default: snapshot)
  -h, --help                show this help

Exit codes: 0 done, 1 AWS or runtime failure, 2 bad input.
`;

const OPTIONS = {
  "role-arn": { type: "string" },
  region: { type: "string" },
  "identity-store-id": { type: "string" },
  "instance-arn": { type: "string" },
  "external-id": { type: "string" },
  "endpoint-url": { type: "string" },
  "connection-id": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The flag behind each field a ValidationError may name. */
const FLAG_OF_FIELD: Record<string, string> = {
  roleArn: "--role-arn",
  region: "--region",
  identityStoreId: "--identity-store-id",
  instanceArn: "--instance-arn",
  externalId: "--external-id",
};

export const snapshotCommand: Command = async (args, ctx) => {
  const fail = (code: number, message: string): number => {
    ctx.stderr.write(`idc-sync snapshot: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (err) {
    return fail(EXIT_USAGE, `${(err as Error).message}; run 'idc-sync snapshot --help'`);
  }
  const o = parsed.values;
  if (o.help === true) {
    ctx.stdout.write(HELP);
    return EXIT_OK;
  }
  if (o["external-id"] === undefined) {
    return fail(
      EXIT_USAGE,
      "--external-id is required: the sts:ExternalId your role's trust policy requires",
    );
  }
  const endpointUrl = o["endpoint-url"];
  if (endpointUrl !== undefined && !URL.canParse(endpointUrl)) {
    return fail(
      EXIT_USAGE,
      `--endpoint-url ${JSON.stringify(endpointUrl)} is not a URL: expected e.g. http://127.0.0.1:4566`,
    );
  }
  let lastProgress = "";
  try {
    const result = await readIdentityCenter({
      values: {
        roleArn: o["role-arn"] ?? "",
        region: o.region ?? "",
        identityStoreId: o["identity-store-id"] ?? "",
        instanceArn: o["instance-arn"] ?? "",
      },
      externalId: o["external-id"],
      connectionId: o["connection-id"] ?? "snapshot",
      ...(ctx.config.platformRoleArn === undefined ? {} : { platformRoleArn: ctx.config.platformRoleArn }),
      ...(endpointUrl === undefined ? {} : { endpointUrl }),
      signal: ctx.stopSignal,
      onProgress: ctx.interactive
        ? (p) => {
            const line = `${p.phase}: ${p.done}`;
            if (line !== lastProgress) ctx.stderr.write(`\r${line.padEnd(40)}`);
            lastProgress = line;
          }
        : () => undefined,
    });
    if (ctx.interactive && lastProgress !== "") ctx.stderr.write("\n");
    ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT_OK;
  } catch (err) {
    if (ctx.interactive && lastProgress !== "") ctx.stderr.write("\n");
    if (err instanceof ValidationError) {
      const flag = FLAG_OF_FIELD[err.field];
      return fail(EXIT_USAGE, flag === undefined ? err.message : `${flag}: ${err.message}`);
    }
    if (err instanceof IdcSyncError) return fail(EXIT_FAILURE, `${err.code}: ${err.message}`);
    if (ctx.stopSignal.aborted) return fail(EXIT_FAILURE, "stopped");
    return fail(EXIT_FAILURE, `unexpected error: ${(err as Error).message}`);
  }
};
