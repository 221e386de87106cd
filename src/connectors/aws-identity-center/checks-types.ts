// The outcome of the connect-time checks (checks.ts): what the CLI prints, the API returns and the
// connect flow decides on.
import type { InstanceType } from "../../domain/model.js";
import type { IamAction } from "./actions.js";

export interface CheckResult {
  /** The IAM action probed, e.g. "sso:ListAccountAssignments" (or "sts:AssumeRole"). */
  action: IamAction;
  ok: boolean;
  /** Whether the sync needs it for this instance: a required check that fails blocks the connection. */
  required: boolean;
  message: string;
  /**
   * True when AWS's answer proved nothing either way (a passing failure after retries, or an
   * answer that was not AWS's protocol): the action could not be verified, which is not "missing".
   */
  unverified?: boolean;
}

export interface CheckWarning {
  code: string;
  message: string;
  /** The IAM action concerned, where there is one. */
  action?: IamAction;
}

/** Codes of `CheckReport.error`: a problem with the trust policy or the connection values. */
export type CheckErrorCode =
  | "unsafe_trust_policy"
  | "assume_role_denied"
  | "assume_role_failed"
  | "instance_not_found"
  | "identity_store_mismatch"
  | "wrong_region";

export interface CheckError {
  code: CheckErrorCode;
  message: string;
  /** The connection value to correct, where one is to blame. */
  field?: "roleArn" | "region" | "identityStoreId" | "instanceArn";
}

export interface CheckReport {
  /** Nothing to fix: every check passed and there is no error. */
  ok: boolean;
  /** The connection cannot be used: a required check failed or `error` is set. */
  blocking: boolean;
  /** What kind of Identity Center instance this is; null when that could not be told. */
  instanceType: InstanceType | null;
  checks: CheckResult[];
  warnings: CheckWarning[];
  error?: CheckError;
}
