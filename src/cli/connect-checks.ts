// What `idc-sync connect` shows of the connect-time checks: the JSON shapes of a refusal and of a
// saved connection's checks, and the one-line reason a refusal exits with.
import type { CheckReport } from "../connectors/aws-identity-center/checks.js";

export interface CheckRow {
  action: string;
  ok: boolean;
  required: boolean;
  message: string;
}

export interface CheckWarningView {
  code: string;
  message: string;
  /** The IAM action concerned, where there is one. */
  action: string | null;
}

/** `connect --json` when the checks refuse the connection (nothing saved). */
export interface ConnectRefusal {
  error: {
    /** missing_permissions, or the check error's code: unsafe_trust_policy, assume_role_denied, ... */
    code: string;
    message: string;
    /** The flag to correct, where one value is to blame. */
    flag?: string;
    /** The one missing required action, when exactly one is missing. */
    action?: string;
  };
  checks: CheckRow[];
  warnings: CheckWarningView[];
}

const FLAG_OF_FIELD = {
  roleArn: "--role-arn",
  region: "--region",
  identityStoreId: "--identity-store-id",
  instanceArn: "--instance-arn",
} as const;

export function checkRows(report: CheckReport): CheckRow[] {
  return report.checks.map((c) => ({ action: c.action, ok: c.ok, required: c.required, message: c.message }));
}

export function checkWarnings(report: CheckReport): CheckWarningView[] {
  return report.warnings.map((w) => ({ code: w.code, message: w.message, action: w.action ?? null }));
}

/** The required actions the role lacks, in the order of the checks. */
export function missingRequired(report: CheckReport): string[] {
  return report.checks.filter((c) => c.required && !c.ok).map((c) => c.action);
}

/** Why a blocking report refuses the connection. */
export function refusal(report: CheckReport): ConnectRefusal {
  const missing = missingRequired(report);
  const base = { checks: checkRows(report), warnings: checkWarnings(report) };
  const e = report.error;
  if (e !== undefined) {
    return {
      error: {
        code: e.code,
        message: e.message,
        ...(e.field === undefined ? {} : { flag: FLAG_OF_FIELD[e.field] }),
      },
      ...base,
    };
  }
  const list = missing.join(", ");
  return {
    error: {
      code: "missing_permissions",
      message:
        `the role lacks ${missing.length === 1 ? "a permission" : `${missing.length} permissions`} the sync needs: ${list}; ` +
        "add them to the role's permission policy ('idc-sync policy' prints it) and connect again",
      ...(missing.length === 1 && missing[0] !== undefined ? { action: missing[0] } : {}),
    },
    ...base,
  };
}

/**
 * The fix for a refusal whose message names none: the process itself has no AWS credentials to
 * sign with (the SDK's CredentialsProviderError), which no change to the role can fix.
 */
function extraHint(r: ConnectRefusal): string | undefined {
  if (/CredentialsProviderError|Could not load credentials/.test(r.error.message)) {
    return (
      "idc-sync found no AWS credentials of its own to call STS with: give the process credentials " +
      "(AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); against the sandbox, run the " +
      "'export' lines 'idc-sync sandbox' prints in this shell first"
    );
  }
  return undefined;
}

/**
 * The one line a refused connect exits with (stderr). With `reportShown` the report on stdout has
 * already said what is wrong, so the line says only that nothing was saved (and a fix the report
 * lacks); otherwise (--json on stdout) it carries the whole message.
 */
export function refusalLine(r: ConnectRefusal, reportShown: boolean): string {
  // The missing actions are a short list worth having on stderr even beside the report.
  if (r.error.code === "missing_permissions") return `${r.error.message}; nothing was saved`;
  const hint = extraHint(r);
  const tail = hint === undefined ? "" : `; ${hint}`;
  if (reportShown) {
    const fix = hint ?? "fix what the report above says and connect again";
    return `refused by the checks (${r.error.code}); ${fix}; nothing was saved`;
  }
  const flag = r.error.flag === undefined ? "" : `${r.error.flag}: `;
  return `${flag}${r.error.message} (${r.error.code})${tail}; nothing was saved`;
}
