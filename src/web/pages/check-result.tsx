// The result of "Test connection": one line per check, failures with the action to add.
import type { ReactElement } from "react";
import type { CheckResult } from "../api/types.js";
import { Icon } from "../components/icons.js";

const ICON = { passed: "check", failed: "close", warning: "alert", skipped: "info" } as const;

export function CheckResultView({ result }: { result: CheckResult }): ReactElement {
  return (
    <div className={`check-result ${result.ok ? "check-ok" : "check-failed"}`} role="status">
      <p className="check-summary">{result.ok ? "Connection test passed." : "Connection test failed."}</p>
      <ul className="check-list">
        {result.checks.map((c) => (
          <li key={c.id} className={`check-item check-${c.status}`}>
            <Icon name={ICON[c.status]} size={16} />
            <span>
              <strong>{c.label}</strong>
              {c.message !== "" && <> — {c.message}</>}
              {c.action !== null && (
                <>
                  {" "}
                  (missing <code>{c.action}</code>)
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
