// "Download CSV / JSON" of the list in view, with its filters: plain links to the streaming route
// (the session cookie goes with them), so the browser saves the file as it arrives.
import type { ReactElement } from "react";
import { explorePaths, type DownloadList } from "../api/explore.js";
import { Icon } from "./icons.js";

export function DownloadLinks(props: {
  list: DownloadList;
  query: Record<string, string | number | undefined>;
  /** What is downloaded, for the links' accessible names ("groups"). */
  what: string;
}): ReactElement {
  return (
    <span className="download-links">
      {(["csv", "json"] as const).map((format) => (
        <a
          key={format}
          className="btn btn-secondary btn-small"
          href={explorePaths.download(props.list, format, props.query)}
          download={`idc-sync-${props.list}.${format}`}
          aria-label={`Download ${props.what} as ${format.toUpperCase()}`}
        >
          <Icon name="download" size={14} /> {format.toUpperCase()}
        </a>
      ))}
    </span>
  );
}
