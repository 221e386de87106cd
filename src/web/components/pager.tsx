// Paging under a table: "1–50 of 171", Previous and Next, rows per page.
import type { ReactElement } from "react";
import { formatCount } from "../format.js";
import { Icon } from "./icons.js";

export const PAGE_SIZES = ["25", "50", "100", "200"];

/** "1–50 of 171" ("0 of 0" when empty). */
export function rangeText(offset: number, shown: number, total: number): string {
  if (shown === 0) return `0 of ${formatCount(total)}`;
  return `${formatCount(offset + 1)}–${formatCount(offset + shown)} of ${formatCount(total)}`;
}

export function Pager(props: {
  label: string;
  offset: number;
  shown: number;
  total: number;
  hasPrev: boolean;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  size?: string;
  onSize?: (size: string) => void;
}): ReactElement {
  return (
    <nav className="pager" aria-label={props.label}>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={!props.hasPrev}
        onClick={props.onPrev}
      >
        <Icon name="chevronLeft" size={14} /> Previous
      </button>
      <span className="pager-middle">
        <span className="pager-range" aria-live="polite">
          {rangeText(props.offset, props.shown, props.total)}
        </span>
        {props.size !== undefined && props.onSize !== undefined && (
          <label className="page-size">
            <span className="muted">Rows per page</span>
            <select value={props.size} onChange={(e) => props.onSize?.(e.target.value)}>
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        )}
      </span>
      <button
        type="button"
        className="btn btn-secondary btn-small"
        disabled={!props.hasNext}
        onClick={props.onNext}
      >
        Next <Icon name="chevronRight" size={14} />
      </button>
    </nav>
  );
}
