// Connect-time checks: before a connection is saved (and on demand), find out whether idc-sync can
// read this Identity Center — the trust policy (with the confused-deputy test), the instance and
// its Identity Store, the region, each of the 20 actions of the permission policy and the optional
// extras the sync uses when allowed — and name every problem with its fix, instead of AWS's bare
// "Access denied".
import { setMaxListeners } from "node:events";
import { paginateListInstances, type InstanceMetadata } from "@aws-sdk/client-sso-admin";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { accountIdOfRoleArn, parseConnectionValues, partitionOf } from "../../domain/connection-values.js";
import type { ConnectionValues } from "../../domain/model.js";
import { IDENTITY_CENTER_REGIONS } from "../../domain/partitions.js";
import { RequestBudget } from "../../aws-calls/request-budget.js";
import { assertExternalId } from "./setup/policy-documents.js";
import {
  IAM_ACTIONS,
  OPTIONAL_EXTRA_ACTIONS,
  POLICY_ACTIONS,
  type IamAction,
  type PolicyAction,
} from "./actions.js";
import { checkInstance } from "./checks-instance.js";
import { outcomeOf, runProbes, type ProbeOutcome, type ProbeResults } from "./checks-probes.js";
import { isRequired, type RequirementFacts } from "./checks-roles.js";
import { checkTrust } from "./checks-trust.js";
import type { CheckReport, CheckResult, CheckWarning } from "./checks-types.js";
import { createIdcClients, type IdcClients } from "./clients.js";
import { instanceTypeOf } from "./mappers/instance.js";

export type { CheckError, CheckErrorCode, CheckReport, CheckResult, CheckWarning } from "./checks-types.js";
export { formatCheckReport } from "./checks-format.js";

export interface ConnectionCheckOptions {
  /** Unvalidated: a bad value throws the ValidationError naming the field, before any AWS call. */
  values: ConnectionValues;
  /** The idc-sync organization's external id. */
  externalId: string;
  connectionId: string;
  platformRoleArn?: string;
  /** The ARN our trust policy names, shown in messages; found with STS GetCallerIdentity if absent. */
  platformPrincipalArn?: string;
  endpointUrl?: string;
  signal?: AbortSignal;
  /** The platform's own credentials; default the SDK's chain (tests pass static ones). */
  platformCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Attempts per AWS call, the first included. Default 3: a check should answer quickly. */
  maxAttempts?: number;
}

const LIST_INSTANCES: PolicyAction = "sso:ListInstances";

/**
 * Runs the checks. Throws a ValidationError for malformed values or external id (no AWS call made),
 * and the abort reason when `signal` aborts; every AWS answer ends up in the report.
 */
export async function runConnectionChecks(given: ConnectionCheckOptions): Promise<CheckReport> {
  const values = parseConnectionValues(given.values);
  assertExternalId(given.externalId);
  given.signal?.throwIfAborted();
  const options = { ...given, ...(given.signal === undefined ? {} : { signal: probeSignal(given.signal) }) };
  const opt = <K extends keyof ConnectionCheckOptions>(key: K) =>
    (options[key] === undefined ? {} : { [key]: options[key] }) as Pick<ConnectionCheckOptions, K>;

  const trust = await checkTrust({
    values,
    externalId: options.externalId,
    connectionId: options.connectionId,
    ...opt("platformRoleArn"),
    ...opt("platformPrincipalArn"),
    ...opt("endpointUrl"),
    ...opt("platformCredentials"),
    ...opt("signal"),
  });
  if (!trust.ok) return finish(null, [trust.check], [], trust.error);

  const credentials = trust.credentials;
  const clientsFor = (region: string): IdcClients =>
    createIdcClients({
      values: { ...values, region },
      externalId: options.externalId,
      connectionId: options.connectionId,
      credentials: () => Promise.resolve(credentials),
      budget: new RequestBudget({ burst: 8 }),
      maxAttempts: options.maxAttempts ?? 3,
      ...opt("endpointUrl"),
      ...opt("signal"),
    });
  const clients = clientsFor(values.region);
  try {
    const list = (c: IdcClients) => async (): Promise<InstanceMetadata[]> => {
      const all: InstanceMetadata[] = [];
      const pages = paginateListInstances(
        { client: c.ssoAdmin, pageSize: 100 },
        {},
        options.signal === undefined ? {} : { abortSignal: options.signal },
      );
      for await (const page of pages) all.push(...(page.Instances ?? []));
      return all;
    };
    const listIn = async (region: string) => {
      const other = clientsFor(region);
      try {
        return await list(other)();
      } finally {
        other.destroy();
      }
    };
    const otherRegions = IDENTITY_CENTER_REGIONS[partitionOf(values)].filter((r) => r !== values.region);
    const instance = await checkInstance(values, list(clients), listIn, otherRegions, options.signal);
    const listOutcome: ProbeOutcome =
      instance.listError === undefined ? { kind: "allowed" } : outcomeOf(instance.listError, options.signal);
    if (instance.error !== undefined) {
      const listRow = actionRow(LIST_INSTANCES, listOutcome, true);
      return finish(null, [trust.check, listRow], [...trust.warnings, ...instance.warnings], instance.error);
    }

    const probes = await runProbes({
      clients,
      values,
      accountId: accountIdOfRoleArn(values.roleArn),
      ...opt("signal"),
    });
    probes.outcomes.set(LIST_INSTANCES, listOutcome);
    return report(values, probes, instance.found, trust.check, [...trust.warnings, ...instance.warnings]);
  } finally {
    clients.destroy();
  }
}

function report(
  values: ConnectionValues,
  probes: ProbeResults,
  found: InstanceMetadata | undefined,
  trustRow: CheckResult,
  warnings: CheckWarning[],
): CheckReport {
  let instanceType = found === undefined ? null : instanceTypeOf(found.OwnerAccountId, probes.organization);
  if (instanceType === null && probes.permissionSetsUnsupported) instanceType = "ACCOUNT";
  const permissionSetsEnabled = probes.permissionSetsUnsupported ? false : probes.permissionSetsEnabled;
  const facts: RequirementFacts = {
    instanceType,
    permissionSetsEnabled,
    accountsListed:
      probes.outcomes.get("organizations:ListAccounts")?.kind === "allowed" && probes.organization !== "none",
  };
  // The 20 of the policy, then the optional extras: the same list the sync warns about.
  const rows = [...POLICY_ACTIONS, ...OPTIONAL_EXTRA_ACTIONS].map((action) =>
    actionRow(action, probes.outcomes.get(action) ?? notProbed(), isRequired(action, facts)),
  );
  const all = [...warnings];
  if (instanceType === "ACCOUNT") {
    all.push({
      code: "account_instance",
      message: `${values.instanceArn} is an account instance of IAM Identity Center: it has users and groups but no permission sets or AWS account assignments, so idc-sync reads its users, groups and memberships only. To see who can access which AWS account, connect the organization instance in the management account.`,
    });
  } else if (permissionSetsEnabled === false) {
    all.push({
      code: "permission_sets_disabled",
      message: `Multi-account permissions are off in ${values.instanceArn}: there are no permission sets or AWS account assignments to read.`,
    });
  }
  if (probes.organization === "none") {
    all.push({
      code: "not_in_organization",
      message:
        "The role's AWS account is in no AWS organization: accounts are known by id only. Create the role in your organization's management account.",
    });
  }
  for (const row of rows) {
    if (row.ok || (row.required && row.unverified !== true)) continue;
    const outcome = probes.outcomes.get(row.action);
    all.push({
      code: outcome?.kind === "denied" ? "access_denied" : "check_failed",
      action: row.action,
      message: row.message,
    });
  }
  return finish(instanceType, [trustRow, ...rows], all, undefined);
}

/** The caller's signal, for the ~15 calls in flight at once, each of which listens to it. */
function probeSignal(signal: AbortSignal): AbortSignal {
  const linked = AbortSignal.any([signal]);
  setMaxListeners(64, linked);
  return linked;
}

function notProbed(): ProbeOutcome {
  return { kind: "unknown", error: new Error("not checked") };
}

function actionRow(action: IamAction, outcome: ProbeOutcome, required: boolean): CheckResult {
  const { purpose } = IAM_ACTIONS[action];
  if (outcome.kind === "allowed") {
    return {
      action,
      ok: true,
      required,
      message: `Allowed: ${purpose}${outcome.note === undefined ? "" : ` (${outcome.note})`}`,
    };
  }
  if (outcome.kind === "unknown") {
    return {
      action,
      ok: false,
      required,
      unverified: true,
      message: `Could not be verified (AWS's answer proved neither allowed nor denied; the sync will tell): ${outcome.error.message}`,
    };
  }
  const add =
    IAM_ACTIONS[action].grant === "extra"
      ? `It is an optional extra, not in the permission policy 'idc-sync policy' prints: add ${action} to the role's policy to read it.`
      : `Add ${action} to the role's permission policy ('idc-sync policy' prints it).`;
  const message = required
    ? `Denied: the sync needs it — it ${purpose}. ${add}`
    : `Denied: the sync goes on without it — it ${purpose}. ${add}`;
  return { action, ok: false, required, message };
}

function finish(
  instanceType: CheckReport["instanceType"],
  checks: CheckResult[],
  warnings: CheckWarning[],
  error: CheckReport["error"],
): CheckReport {
  // Only what is known to be missing blocks: an action that could not be verified is a warning.
  const blocking = error !== undefined || checks.some((c) => c.required && !c.ok && c.unverified !== true);
  const ok = !blocking && checks.every((c) => c.ok);
  return { ok, blocking, instanceType, checks, warnings, ...(error === undefined ? {} : { error }) };
}
