// A sortable column header: a button that sorts by its key, aria-sort on the header cell.
import type { ReactElement } from "react";

export function SortHeader<K extends string>(props: {
  label: string;
  k: K;
  sort: K;
  order: "asc" | "desc";
  onSort: (k: K) => void;
  className?: string;
}): ReactElement {
  const active = props.sort === props.k;
  return (
    <th
      scope="col"
      className={props.className}
      aria-sort={active ? (props.order === "asc" ? "ascending" : "descending") : "none"}
    >
      <button type="button" className="sort-button" onClick={() => props.onSort(props.k)}>
        {props.label}
        <span className={`sort-arrow${active ? " active" : ""}`} aria-hidden="true">
          {active && props.order === "desc" ? "▼" : "▲"}
        </span>
      </button>
    </th>
  );
}
