// `idc-sync policy`: what a customer needs to create the role idc-sync assumes — the
// organization's external id, our platform principal, the permission policy (the 20 read-only
// actions), the trust policy, and a CloudFormation template creating both.
import { parseArgs } from "node:util";
import type { Config } from "../config.js";
import { IdcSyncError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Organization } from "../domain/organization.js";
import { resolvePlatformPrincipalArn } from "../connectors/aws-identity-center/setup/platform-principal.js";
import {
  optionalPolicies,
  permissionPolicy,
  setupAssets,
  type OptionalPolicy,
} from "../connectors/aws-identity-center/setup/policy-assets.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import type { Command } from "./context.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./context.js";

const HELP = `Usage: idc-sync policy [--org ORG] [--json]

Prints what to create in your AWS management account so that idc-sync can read IAM Identity
Center: your organization's external id, idc-sync's AWS principal, the read-only permission
policy, and the role's trust policy. With --json, also a CloudFormation template that creates
the policy and the role (deploy it, then connect with the RoleArn it outputs).

Options:
  --org ORG     the organization (id or name); default: the install's default organization
  --json        machine output: { externalId, platformPrincipalArn, problem, permissionPolicy,
                trustPolicy, optionalPolicies, cloudFormationTemplate }

Optional: sign-in activity (last sign-in, last use, inactivity findings) needs one more read-only
action, cloudtrail:LookupEvents, as a separate policy attached to the same role (optionalPolicies;
in the CloudFormation template, the parameter EnableSignInActivity=true). The permission policy
itself never changes.
  -h, --help    this help

idc-sync's principal (the one the trust policy names) is IDC_SYNC_PLATFORM_PRINCIPAL_ARN when set
(no AWS call), else IDC_SYNC_PLATFORM_ROLE_ARN, else the identity of the process's AWS credentials
(STS GetCallerIdentity). When none of them gives it, the command still prints the external id and
the permission policy, names what is missing (problem), and exits 1.
`;

/** The principal, or why it is unknown and how to set it. */
async function principalOf(
  config: Config,
): Promise<{ arn: string; problem: null } | { arn: null; problem: string }> {
  if (config.platformPrincipalArn !== undefined) return { arn: config.platformPrincipalArn, problem: null };
  try {
    return { arn: await resolvePlatformPrincipalArn({}), problem: null };
  } catch (err) {
    const why = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.name})` : "";
    return {
      arn: null,
      problem:
        `idc-sync's own AWS principal is not known: the process has no usable AWS credentials${why}. ` +
        "Set IDC_SYNC_PLATFORM_PRINCIPAL_ARN to the ARN of the IAM role or user idc-sync runs as " +
        "(e.g. arn:aws:iam::123456789012:role/idc-sync), or give the process AWS credentials, and run this again " +
        "for the trust policy and the CloudFormation template",
    };
  }
}

/** The organization `--org` names (its id or its name), else the default one (else the oldest). */
export async function findOrganization(store: Store, ref: string | undefined): Promise<Organization> {
  const all = await store.listOrganizations();
  if (ref === undefined) {
    const chosen = all.find((o) => o.isDefault) ?? all[0];
    if (chosen === undefined) {
      throw new NotFoundError(
        "no organization yet: run 'idc-sync start' once (it creates one and prints its admin token), or 'idc-sync org create NAME'",
      );
    }
    return chosen;
  }
  const byId = all.find((o) => o.id === ref);
  if (byId !== undefined) return byId;
  const byName = all.filter((o) => o.name === ref);
  if (byName.length === 1 && byName[0] !== undefined) return byName[0];
  if (byName.length > 1) {
    throw new ValidationError("org", `--org: several organizations are named "${ref}"; give the id instead`);
  }
  throw new ValidationError("org", `--org: no organization with id or name "${ref}"`);
}

/** Opens the configured store for one use and closes it again. */
export async function withStore<T>(config: Config, use: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** The optional policies, each with what it adds: attach them too, or leave them out. */
function optionalText(policies: readonly OptionalPolicy[]): string[] {
  return policies.flatMap((p) => [`${p.title}: ${p.description}`, "", pretty(p.policy), ""]);
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export const policyCommand: Command = async (args, ctx) => {
  const fail = (code: number, message: string): number => {
    ctx.stderr.write(`idc-sync policy: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { org: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    return fail(EXIT_USAGE, `${(err as Error).message}; run 'idc-sync policy --help'`);
  }
  if (parsed.values.help === true) {
    ctx.stdout.write(HELP);
    return EXIT_OK;
  }
  try {
    const organization = await withStore(ctx.config, (store) => findOrganization(store, parsed.values.org));
    const principal = await principalOf(ctx.config);
    if (principal.arn === null) {
      const partial = {
        externalId: organization.externalId,
        platformPrincipalArn: null,
        problem: principal.problem,
        permissionPolicy: permissionPolicy(),
        trustPolicy: null,
        optionalPolicies: optionalPolicies(),
        cloudFormationTemplate: null,
      };
      ctx.stdout.write(
        parsed.values.json === true
          ? `${pretty(partial)}\n`
          : [
              `Organization:            ${organization.name} (${organization.id})`,
              `External id:             ${organization.externalId}`,
              "idc-sync's principal:    (not known; see below)",
              "",
              "In your AWS management account, create this permission policy (read-only):",
              "",
              pretty(partial.permissionPolicy),
              "",
              "The role's trust policy names idc-sync's principal, which is missing here.",
              "",
            ].join("\n"),
      );
      return fail(EXIT_FAILURE, principal.problem);
    }
    const assets = setupAssets({ externalId: organization.externalId, platformPrincipalArn: principal.arn });
    if (parsed.values.json === true) {
      ctx.stdout.write(`${pretty({ ...assets, problem: null })}\n`);
      return EXIT_OK;
    }
    ctx.stdout.write(
      [
        `Organization:            ${organization.name} (${organization.id})`,
        `External id:             ${assets.externalId}`,
        `idc-sync's principal:    ${assets.platformPrincipalArn}`,
        "",
        "In your AWS management account, create this permission policy (read-only):",
        "",
        pretty(assets.permissionPolicy),
        "",
        "and a role with this trust policy (custom trust policy), with the policy attached:",
        "",
        pretty(assets.trustPolicy),
        "",
        ...optionalText(assets.optionalPolicies),
        "Then connect with the role's ARN, your Identity Store ID and Instance ARN (IAM Identity Center > Settings).",
        "For a CloudFormation template that creates both: idc-sync policy --json (cloudFormationTemplate).",
        "",
      ].join("\n"),
    );
    return EXIT_OK;
  } catch (err) {
    if (err instanceof ValidationError) return fail(EXIT_USAGE, err.message);
    if (err instanceof IdcSyncError) return fail(EXIT_FAILURE, err.message);
    return fail(EXIT_FAILURE, `unexpected error: ${(err as Error).message}`);
  }
};
