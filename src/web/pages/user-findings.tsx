// The findings about one user (open and accepted), on the user's page.
import type { ReactElement } from "react";
import { paths } from "../api/endpoints.js";
import type { FindingListResponse } from "../api/types.js";
import { useApi } from "../api/use-api.js";
import { Card, ErrorMessage } from "../components/ui.js";
import { href } from "../router.js";
import { FindingRow } from "./findings.js";

export function UserFindings({
  connectionId,
  userId,
}: {
  connectionId: string;
  userId: string;
}): ReactElement | null {
  const open = useApi<FindingListResponse>(paths.findings({ connectionId, userId, limit: 100 }));
  const accepted = useApi<FindingListResponse>(
    paths.findings({ connectionId, userId, status: "accepted", limit: 100 }),
  );
  const items = [...(open.data?.items ?? []), ...(accepted.data?.items ?? [])];
  if (open.data === undefined && open.error === undefined) return null;
  return (
    <Card
      title={`Findings (${items.length})`}
      flush
      className="section"
      actions={
        <a href={href("/findings", { connection: connectionId, user: userId, status: "all" })}>
          All, resolved too
        </a>
      }
    >
      {open.error !== undefined && <ErrorMessage error={open.error} retry={open.reload} />}
      {items.length === 0 ? (
        <p className="muted pad">No open findings about this user.</p>
      ) : (
        <ol className="feed" aria-label="Findings about this user">
          {items.map((f) => (
            <FindingRow key={f.id} finding={f} />
          ))}
        </ol>
      )}
    </Card>
  );
}
