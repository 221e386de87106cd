// The result of the connect-time checks: "Test connection" (one line per IAM action probed,
// failures with what to add), and a Connect the checks refused (only what failed).
import type { ReactElement } from "react";
import { ApiError } from "../api/client.js";
import type { CheckResult, ConnectRefused } from "../api/types.js";
import { Icon } from "../components/icons.js";

/** The checks of a Connect the server refused (its ConnectRefused body), or undefined. */
export function refusalOf(err: unknown): CheckResult | undefined {
  if (!(err instanceof ApiError) || typeof err.body !== "object" || err.body === null) return undefined;
  const body = err.body as Partial<ConnectRefused>;
  if (!Array.isArray(body.checks)) return undefined;
  return {
    ok: false,
    blocking: true,
    instanceType: null,
    checks: body.checks,
    warnings: Array.isArray(body.warnings) ? body.warnings : [],
    error: { code: err.code, message: err.message, field: body.error?.field ?? null },
  };
}

export function CheckResultView({
  result,
  refused = false,
  hideError = false,
}: {
  result: CheckResult;
  /** A refused Connect: say so, and list only the checks that failed (required or not). */
  refused?: boolean;
  /** The error is shown elsewhere (next to the field it names). */
  hideError?: boolean;
}): ReactElement {
  const summary = refused
    ? "idc-sync did not connect: fix what is listed here, then connect again. Nothing was saved."
    : result.ok
      ? "Connection test passed."
      : result.blocking
        ? "Connection test failed: idc-sync cannot sync with these settings."
        : "Connection test passed with warnings: some optional details will be missing.";
  const tone = result.ok ? "check-ok" : result.blocking ? "check-failed" : "check-warn";
  const error = result.error;
  // A refusal lists what failed; the row the error came from would say it twice.
  const rows = refused
    ? result.checks.filter((c) => !c.ok && (error === null || c.message !== error.message))
    : result.checks;
  const rowActions = new Set(rows.filter((c) => !c.ok).map((c) => c.action));
  // Warnings about a denied action repeat its row.
  const warnings = result.warnings.filter((w) => w.action === null || !rowActions.has(w.action));
  return (
    <div className={`check-result ${tone}`} role={refused ? "alert" : "status"}>
      <p className="check-summary">{summary}</p>
      {error !== null && !hideError && <p className="check-error">{error.message}</p>}
      {rows.length > 0 && (
        <ul className="check-list" aria-label={refused ? "Failed checks" : "Permissions checked"}>
          {rows.map((c) => {
            const status = c.ok ? "passed" : c.required ? "failed" : "warning";
            return (
              <li key={c.action} className={`check-item check-${status}`}>
                <Icon name={c.ok ? "check" : c.required ? "close" : "alert"} size={16} />
                <span>
                  <code>{c.action}</code>
                  {!c.ok && (
                    <span className={refused ? "check-required" : "visually-hidden"}>
                      {c.required ? " (required)" : " (optional)"}
                    </span>
                  )}
                  {!c.ok && c.message !== "" && <> — {c.message}</>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {warnings.length > 0 && (
        <ul className="plain-list check-warnings">
          {warnings.map((w) => (
            <li key={`${w.code}-${w.action ?? ""}`}>{w.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
