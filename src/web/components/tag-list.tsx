// AWS tags as key=value chips ("—" when there are none).
import type { ReactElement } from "react";

export function TagList({ tags }: { tags: Record<string, string> }): ReactElement {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tag-list" aria-label="Tags">
      {entries.map(([k, v]) => (
        <li key={k} className="tag">
          <span className="tag-key">{k}</span>
          {v !== "" && <span className="tag-value">{v}</span>}
        </li>
      ))}
    </ul>
  );
}
