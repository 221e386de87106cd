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

/** The first sentence of a check's message: the problem, without the fix the report spells out. */
function firstSentence(message: string): string {
  const end = message.search(/\.\s/);
  return end === -1 ? message.replace(/\.$/, "") : message.slice(0, end);
}

/** The one line a refused connect exits with (stderr); the report on stdout has the details. */
export function refusalLine(r: ConnectRefusal): string {
  const flag = r.error.flag === undefined ? "" : `${r.error.flag}: `;
  if (r.error.code === "missing_permissions") return `${r.error.message}; nothing was saved`;
  return `${flag}${firstSentence(r.error.message)} (${r.error.code}); nothing was saved: the report says how to fix it`;
}
