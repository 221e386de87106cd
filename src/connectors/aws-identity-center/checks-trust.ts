// The trust check: assume the customer's role with the organization's ExternalId, and make sure
// the role refuses anyone else (AWS's confused-deputy guidance: a vendor must not use a role that
// can be assumed without the right ExternalId). At most two AssumeRole calls:
// - with the organization's ExternalId; if that works, once more with a random ExternalId no
//   organization has — a role that accepts it has no ExternalId condition and is refused;
// - if the first is refused, once WITHOUT an ExternalId — a role that accepts that trusts us
//   without the condition (e.g. StringEqualsIfExists) and is refused too.
// No other AssumeRole is ever sent without the organization's ExternalId.
import { randomBytes } from "node:crypto";
import { AssumeRoleCommand, STSClient, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { fromNodeProviderChain, fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AccessDeniedError, type IdcSyncError } from "../../domain/errors.js";
import type { ConnectionValues } from "../../domain/model.js";
import { resolvePlatformPrincipalArn } from "./setup/platform-principal.js";
import { trustPolicy } from "./setup/policy-documents.js";
import { classifyAwsError } from "./aws-errors.js";
import type { CheckError, CheckResult, CheckWarning } from "./checks-types.js";
import { roleSessionName } from "./session-name.js";

const ACTION = "sts:AssumeRole";
/** The checks take seconds: the shortest session STS grants is plenty. */
const CHECK_SESSION_SECONDS = 900;

export interface TrustCheckOptions {
  values: ConnectionValues;
  externalId: string;
  connectionId: string;
  platformRoleArn?: string | undefined;
  /** The ARN our trust policy names, for the messages; found with GetCallerIdentity when absent. */
  platformPrincipalArn?: string | undefined;
  endpointUrl?: string | undefined;
  /** The platform's own credentials; default the SDK's chain (tests pass static ones). */
  platformCredentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider | undefined;
  signal?: AbortSignal | undefined;
}

export type TrustOutcome =
  | { ok: true; credentials: AwsCredentialIdentity; check: CheckResult; warnings: CheckWarning[] }
  | { ok: false; check: CheckResult; error: CheckError };

type Attempt =
  | { kind: "ok"; credentials: AwsCredentialIdentity }
  | { kind: "denied"; error: IdcSyncError }
  | { kind: "failed"; error: IdcSyncError };

/** An ExternalId no organization has (ours are `idcs-` + 40 random characters). */
export function probeExternalId(): string {
  return `idc-sync-probe-${randomBytes(18).toString("base64url")}`;
}

export async function checkTrust(opts: TrustCheckOptions): Promise<TrustOutcome> {
  const { values } = opts;
  const sts = new STSClient({
    region: values.region,
    credentials: platformSource(opts),
    maxAttempts: 3,
    ...(opts.endpointUrl === undefined ? {} : { endpoint: opts.endpointUrl }),
  });
  const assume = (externalId: string | undefined, session: string): Promise<Attempt> =>
    attempt(sts, opts.signal, {
      RoleArn: values.roleArn,
      RoleSessionName: roleSessionName(session),
      DurationSeconds: CHECK_SESSION_SECONDS,
      ...(externalId === undefined ? {} : { ExternalId: externalId }),
    });
  try {
    const first = await assume(opts.externalId, opts.connectionId);
    if (first.kind === "ok") {
      const probe = await assume(probeExternalId(), `${opts.connectionId}-xid-probe`);
      if (probe.kind === "ok") {
        return unsafe(opts, sts, "it also accepted an ExternalId that is not your organization's");
      }
      const warnings: CheckWarning[] =
        probe.kind === "failed"
          ? [
              {
                code: "trust_policy_unverified",
                action: ACTION,
                message: `Could not confirm that the role refuses other ExternalIds (${probe.error.message})`,
              },
            ]
          : [];
      const check = row(
        true,
        `Assumed ${values.roleArn} with your organization's ExternalId; other ExternalIds are refused`,
      );
      return { ok: true, credentials: first.credentials, check, warnings };
    }
    if (first.kind === "failed") {
      const message = `Could not assume ${values.roleArn}: ${first.error.message}`;
      return { ok: false, check: row(false, message), error: { code: "assume_role_failed", message } };
    }
    const bare = await assume(undefined, `${opts.connectionId}-xid-probe`);
    if (bare.kind === "ok") return unsafe(opts, sts, "it accepted AssumeRole without any ExternalId");
    const policy = await trustPolicyText(opts, sts);
    const message =
      `idc-sync could not assume ${values.roleArn} with your organization's ExternalId. The role must exist, and ` +
      `its trust policy must name idc-sync's principal and require sts:ExternalId = ${opts.externalId}. ` +
      `Use this trust policy: ${policy}`;
    return {
      ok: false,
      check: row(false, message),
      error: { code: "assume_role_denied", message, field: "roleArn" },
    };
  } finally {
    sts.destroy();
  }
}

async function attempt(
  sts: STSClient,
  signal: AbortSignal | undefined,
  input: AssumeRoleCommandInput,
): Promise<Attempt> {
  try {
    const out = await sts.send(
      new AssumeRoleCommand(input),
      signal === undefined ? {} : { abortSignal: signal },
    );
    const c = out.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined) {
      return { kind: "failed", error: classifyAwsError(new Error("STS returned no credentials"), ACTION) };
    }
    return {
      kind: "ok",
      credentials: {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
        ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
      },
    };
  } catch (err) {
    signal?.throwIfAborted();
    const error = classifyAwsError(err, ACTION);
    return error instanceof AccessDeniedError ? { kind: "denied", error } : { kind: "failed", error };
  }
}

/** The platform's principal: the SDK's chain, first assuming IDC_SYNC_PLATFORM_ROLE_ARN when set. */
function platformSource(opts: TrustCheckOptions): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  const base = opts.platformCredentials ?? fromNodeProviderChain();
  if (opts.platformRoleArn === undefined) return base;
  return fromTemporaryCredentials({
    params: {
      RoleArn: opts.platformRoleArn,
      RoleSessionName: roleSessionName("platform"),
      DurationSeconds: CHECK_SESSION_SECONDS,
    },
    masterCredentials: base,
    clientConfig: {
      region: opts.values.region,
      ...(opts.endpointUrl === undefined ? {} : { endpoint: opts.endpointUrl }),
    },
  });
}

async function unsafe(opts: TrustCheckOptions, sts: STSClient, what: string): Promise<TrustOutcome> {
  const policy = await trustPolicyText(opts, sts);
  const message =
    `Refused: the trust policy of ${opts.values.roleArn} does not require your organization's ExternalId (${what}). ` +
    `Anyone who learns the role ARN could make idc-sync read your Identity Center (the "confused deputy" problem), ` +
    `so idc-sync does not use such a role. Replace its trust policy with: ${policy}`;
  return {
    ok: false,
    check: row(false, message),
    error: { code: "unsafe_trust_policy", message, field: "roleArn" },
  };
}

/** The trust policy to paste, on one line; without our principal's ARN when it cannot be found. */
async function trustPolicyText(opts: TrustCheckOptions, sts: STSClient): Promise<string> {
  try {
    const principal =
      opts.platformPrincipalArn ??
      (await resolvePlatformPrincipalArn({
        ...(opts.platformRoleArn === undefined ? {} : { platformRoleArn: opts.platformRoleArn }),
        sts,
      }));
    return JSON.stringify(trustPolicy(principal, opts.externalId));
  } catch {
    return `a statement allowing sts:AssumeRole to idc-sync's principal (see 'idc-sync policy') with Condition StringEquals sts:ExternalId = ${opts.externalId}`;
  }
}

function row(ok: boolean, message: string): CheckResult {
  return { action: ACTION, ok, required: true, message };
}
