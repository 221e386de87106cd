// The result of "Test connection": one line per IAM action probed, failures with what to add.
import type { ReactElement } from "react";
import type { CheckResult } from "../api/types.js";
import { Icon } from "../components/icons.js";

export function CheckResultView({ result }: { result: CheckResult }): ReactElement {
  const summary = result.ok
    ? "Connection test passed."
    : result.blocking
      ? "Connection test failed: idc-sync cannot sync with these settings."
      : "Connection test passed with warnings: some optional details will be missing.";
  const tone = result.ok ? "check-ok" : result.blocking ? "check-failed" : "check-warn";
  return (
    <div className={`check-result ${tone}`} role="status">
      <p className="check-summary">{summary}</p>
      {result.error !== null && <p className="check-error">{result.error.message}</p>}
      {result.checks.length > 0 && (
        <ul className="check-list" aria-label="Permissions checked">
          {result.checks.map((c) => {
            const status = c.ok ? "passed" : c.required ? "failed" : "warning";
            return (
              <li key={c.action} className={`check-item check-${status}`}>
                <Icon name={c.ok ? "check" : c.required ? "close" : "alert"} size={16} />
                <span>
                  <code>{c.action}</code>
                  {!c.ok && (
                    <span className="visually-hidden">
                      {c.required ? " (required, denied)" : " (optional, denied)"}
                    </span>
                  )}
                  {!c.ok && c.message !== "" && <> — {c.message}</>}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {result.warnings.length > 0 && (
        <ul className="plain-list check-warnings">
          {result.warnings.map((w) => (
            <li key={`${w.code}-${w.action ?? ""}`}>{w.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
