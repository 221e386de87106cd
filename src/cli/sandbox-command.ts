// `idc-sync sandbox`: runs the AWS-compatible sandbox until SIGINT/SIGTERM and prints the values
// to connect with.
import { parseArgs } from "node:util";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { CliContext, Command } from "./context.js";
import { openCliStore, resolveOrganization, UsageError as StoreUsageError } from "./store-cli.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";
import {
  generateWorld,
  loadFixture,
  startSandbox,
  type FaultsInput,
  type GenerateOptions,
  type SbWorld,
} from "../sandbox/index.js";
import type { ConnectValues } from "../sandbox/index.js";

const HELP = `Usage: idc-sync sandbox [options]

Runs a local endpoint that speaks the AWS APIs idc-sync reads (identitystore, sso-admin,
organizations, sts) over a generated organization, until Ctrl-C.

Options:
  --port N              port (default 4566; 0 picks a free one)
  --host H              address to listen on (default 127.0.0.1)
  --users N             generated users (default 50)
  --groups N            generated groups (default 10)
  --accounts N          generated accounts (default 8)
  --permission-sets N   generated permission sets (default 6)
  --seed S              generation seed (default 1)
  --region R            AWS region of the instance (default us-east-1)
  --fixture FILE        serve this JSON organization instead of generating one
  --org ORG             trust this idc-sync organization's ExternalId (its id or name, read from
                        --data-dir, IDC_SYNC_DATA_DIR or DATABASE_URL): what 'idc-sync connect
                        --org ORG' sends
  --data-dir DIR        where --org is looked up (default: IDC_SYNC_DATA_DIR, else ./data)
  --external-id X       the ExternalId the role's trust policy requires (default: one of its own,
                        which no idc-sync organization has)
  --latency-ms N        delay every AWS answer by N ms
  --rate-limits         enforce AWS-like request rates (ThrottlingException past them)
  --error-rate R        share of calls (0..1) answered with a 5xx
  --deny A,B            IAM actions answered with AccessDenied (e.g. sso:ListAccountAssignments)
  --json                print the connection values as one JSON line
  -h, --help            this help
`;

class UsageError extends Error {}

/** The organization --org names, from the data location the other commands use. */
async function organizationToTrust(
  ctx: CliContext,
  ref: string,
  dataDir: string | undefined,
): Promise<{ name: string; externalId: string }> {
  let store;
  try {
    store = await openCliStore(ctx.config, dataDir);
    const organization = await resolveOrganization(store, ref);
    return { name: organization.name, externalId: organization.externalId };
  } catch (err) {
    if (err instanceof StoreUsageError || err instanceof ValidationError || err instanceof NotFoundError) {
      throw new UsageError(err.message.startsWith("--") ? err.message : `--org: ${err.message}`);
    }
    throw err;
  } finally {
    await store?.close();
  }
}

/**
 * What to do next, for people: the values, the trust it expects and the commands that connect
 * and sync it from a second shell. `trusted`: the organization --org named, "" for --external-id,
 * null when the sandbox trusts only its own ExternalId.
 */
function connectGuide(
  c: ConnectValues,
  env: Record<string, string>,
  world: SbWorld,
  trusted: string | null,
): string {
  const org = trusted === null || trusted === "" ? "" : ` --org ${shellWord(trusted)}`;
  const trust =
    trusted === null
      ? `It trusts only its own ExternalId (${c.externalId}), which no idc-sync organization has, so\n` +
        `'idc-sync connect' is refused. To connect one, start the sandbox with --org ORG (the\n` +
        `organization's id or name: 'idc-sync org list'), or --external-id with its external id.\n`
      : `It trusts the ExternalId ${c.externalId}${trusted === "" ? "" : ` (organization ${trusted})`}.\n`;
  return (
    `idc-sync sandbox listening on ${c.endpoint}\n` +
    `  ${world.users.length} users, ${world.groups.length} groups, ${world.accounts.length} accounts, ` +
    `${world.permissionSets.length} permission sets\n\n` +
    `Connect with:\n` +
    `  Role ARN           ${c.roleArn}\n` +
    `  Region             ${c.region}\n` +
    `  Identity Store ID  ${c.identityStoreId}\n` +
    `  Instance ARN       ${c.instanceArn}\n` +
    `  External ID        ${c.externalId}\n\n` +
    trust +
    `\nIn a second shell, point the AWS SDK at it (dummy platform credentials), then connect and sync:\n` +
    Object.entries(env)
      .map(([k, val]) => `  export ${k}=${val}\n`)
      .join("") +
    `  idc-sync connect${org} --name Sandbox --role-arn ${c.roleArn} --region ${c.region} ` +
    `--identity-store-id ${c.identityStoreId} --instance-arn ${c.instanceArn} --endpoint-url ${c.endpoint}\n` +
    `  idc-sync sync Sandbox${org}\n` +
    `  idc-sync users Sandbox${org}\n` +
    `\nAdmin: GET ${c.endpoint}/_sandbox/counters, POST /_sandbox/mutate (docs/sandbox.md), POST /_sandbox/faults. Ctrl-C stops.\n`
  );
}

/** `text` as one shell word. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${flag}: expected a whole number from ${min} to ${max}, got '${value}'`);
  }
  return n;
}

function share(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--${flag}: expected a number from 0 to 1, got '${value}'`);
  }
  return n;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const sandboxCommand: Command = async (args, ctx) => {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        users: { type: "string" },
        groups: { type: "string" },
        accounts: { type: "string" },
        "permission-sets": { type: "string" },
        seed: { type: "string" },
        region: { type: "string" },
        fixture: { type: "string" },
        "external-id": { type: "string" },
        org: { type: "string" },
        "data-dir": { type: "string" },
        "latency-ms": { type: "string" },
        "rate-limits": { type: "boolean" },
        "error-rate": { type: "string" },
        deny: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    ctx.stderr.write(`idc-sync sandbox: ${(err as Error).message}; run 'idc-sync sandbox --help'\n`);
    return EXIT_USAGE;
  }
  const v = parsed.values;
  if (v.help === true) {
    ctx.stdout.write(HELP);
    return EXIT_OK;
  }

  let world: SbWorld;
  let faults: FaultsInput;
  let port: number;
  let externalId = v["external-id"];
  let trusted: string | undefined;
  try {
    port = integer("port", v.port, 0, 65535) ?? 4566;
    if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
      throw new UsageError("--external-id: expected 2-1224 characters from letters, digits and +=,.@:/-");
    }
    if (v.org !== undefined) {
      if (externalId !== undefined) throw new UsageError("--org and --external-id: give one of them");
      const organization = await organizationToTrust(ctx, v.org, v["data-dir"]);
      externalId = organization.externalId;
      trusted = organization.name;
    }
    const deny =
      v.deny === undefined
        ? undefined
        : v.deny
            .split(",")
            .map((a) => a.trim())
            .filter((a) => a !== "");
    for (const action of deny ?? []) {
      if (!/^[a-z-]+:[A-Za-z0-9]+$/.test(action)) {
        throw new UsageError(`--deny: '${action}' is not an IAM action like sso:ListAccountAssignments`);
      }
    }
    faults = definedOnly({
      latencyMs: integer("latency-ms", v["latency-ms"], 0, 60_000),
      rateLimits: v["rate-limits"],
      errorRate5xx: share("error-rate", v["error-rate"]),
      deniedActions: deny,
    });
    if (v.fixture !== undefined) {
      world = loadFixture(v.fixture);
    } else {
      const options: GenerateOptions = definedOnly({
        users: integer("users", v.users, 0, 1_000_000),
        groups: integer("groups", v.groups, 0, 200_000),
        accounts: integer("accounts", v.accounts, 1, 10_000),
        permissionSets: integer("permission-sets", v["permission-sets"], 0, 3_500),
        seed: integer("seed", v.seed, 0, Number.MAX_SAFE_INTEGER),
        region: v.region,
      });
      world = generateWorld(options);
    }
  } catch (err) {
    ctx.stderr.write(`idc-sync sandbox: ${(err as Error).message}\n`);
    return EXIT_USAGE;
  }

  let sandbox;
  try {
    sandbox = await startSandbox({
      world,
      port,
      host: v.host ?? "127.0.0.1",
      faults,
      trust: externalId === undefined ? {} : { externalId },
    });
  } catch (err) {
    ctx.stderr.write(`idc-sync sandbox: cannot listen: ${(err as Error).message}\n`);
    return EXIT_FAILURE;
  }

  const c = sandbox.connectValues();
  const env = {
    AWS_ENDPOINT_URL: c.endpoint,
    AWS_ACCESS_KEY_ID: "AKIDSANDBOXPLATFORM",
    AWS_SECRET_ACCESS_KEY: "sandbox-platform-secret",
    AWS_REGION: c.region,
  };
  if (v.json === true) {
    ctx.stdout.write(`${JSON.stringify({ ...c, env })}\n`);
  } else {
    ctx.stdout.write(connectGuide(c, env, world, trusted ?? (externalId === undefined ? null : "")));
  }

  await new Promise<void>((resolve) => {
    if (ctx.stopSignal.aborted) return resolve();
    ctx.stopSignal.addEventListener("abort", () => resolve(), { once: true });
  });
  await sandbox.close();
  return EXIT_OK;
};
