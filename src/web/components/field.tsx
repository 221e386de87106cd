// A labelled form control with its hint and error wired through aria-describedby.
import { useId, type ReactElement, type ReactNode } from "react";

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

export function Field(props: FieldProps): ReactElement {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [props.error !== undefined ? errorId : "", props.hint !== undefined ? hintId : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className={`field${props.error !== undefined ? " field-invalid" : ""}`}>
      <label htmlFor={id}>
        {props.label}
        {props.optional === true && <span className="optional"> (optional)</span>}
      </label>
      {props.children({ id, describedBy, invalid: props.error !== undefined })}
      {props.error !== undefined && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
      {props.hint !== undefined && (
        <p id={hintId} className="field-hint">
          {props.hint}
        </p>
      )}
    </div>
  );
}
