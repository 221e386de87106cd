// A modal on the native <dialog> element: focus moves in and is trapped, Escape closes, focus
// returns to the opener — all by the browser.
import { useEffect, useId, useRef, type ReactElement, type ReactNode } from "react";
import { Icon } from "./icons.js";

export function Dialog(props: {
  open: boolean;
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: "small" | "large";
}): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const { open, onClose } = props;

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose();
    };
    el.addEventListener("cancel", onCancel);
    return () => el.removeEventListener("cancel", onCancel);
  }, [onClose]);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${props.size ?? "small"}`}
      aria-labelledby={titleId}
      aria-describedby={props.description === undefined ? undefined : descId}
      onClick={(e) => {
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        if (e.target === ref.current) onClose();
      }}
    >
      {open && (
        <div className="dialog-panel">
          <div className="dialog-header">
            <div>
              <h2 id={titleId}>{props.title}</h2>
              {props.description !== undefined && (
                <p id={descId} className="dialog-description">
                  {props.description}
                </p>
              )}
            </div>
            <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
              <Icon name="close" />
            </button>
          </div>
          <div className="dialog-body">{props.children}</div>
          {props.footer !== undefined && <div className="dialog-footer">{props.footer}</div>}
        </div>
      )}
    </dialog>
  );
}

/** A yes/no question (e.g. "Disconnect?") with a destructive confirm button. */
export function ConfirmDialog(props: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}): ReactElement {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onClose={props.onCancel}
      footer={
        <>
          <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={props.busy === true}
            onClick={props.onConfirm}
          >
            {props.busy === true ? "Working…" : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      {props.error !== undefined && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </Dialog>
  );
}
