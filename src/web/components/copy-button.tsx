// Copies a value to the clipboard and says so; falls back to a hidden textarea where the async
// clipboard API is unavailable (plain-HTTP installs).
import { useEffect, useState, type ReactElement } from "react";
import { Icon } from "./icons.js";

async function copyText(text: string): Promise<void> {
  if (typeof navigator.clipboard?.writeText === "function" && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  // The deprecated command is the only fallback without the async clipboard API.
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy failed");
}

export function CopyButton({ text, label }: { text: string; label: string }): ReactElement {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      className="btn btn-secondary btn-small"
      aria-label={label}
      onClick={() => {
        copyText(text).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
    >
      <Icon name={state === "copied" ? "check" : "copy"} size={14} />
      <span aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
      </span>
    </button>
  );
}

/** A labelled read-only value or document (policy JSON) with a copy button. */
export function CopyBlock(props: {
  label: string;
  value: string;
  multiline?: boolean;
  extra?: ReactElement;
}): ReactElement {
  return (
    <div className="copy-block">
      <div className="copy-block-header">
        <span className="copy-block-label">{props.label}</span>
        <span className="copy-block-actions">
          {props.extra}
          <CopyButton text={props.value} label={`Copy ${props.label}`} />
        </span>
      </div>
      {props.multiline === true ? (
        <pre className="code-block" tabIndex={0} aria-label={props.label}>
          {props.value}
        </pre>
      ) : (
        <code className="code-inline">{props.value}</code>
      )}
    </div>
  );
}
