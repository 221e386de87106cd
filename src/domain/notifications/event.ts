// Building the one event a sync gives a subscription: a summary of every matching change, the
// first MAX_EVENT_ITEMS of them, and links to the rest, rather than one post per change.
import type { Change, ChangeKind } from "../change.js";
import { changeMatches } from "./filter.js";
import type { NotificationEvent, SubscriptionFilter, SyncChangesData } from "./types.js";
import { MAX_EVENT_ITEMS } from "./types.js";

export interface SyncEventInput {
  eventId: string;
  organizationId: string;
  connection: { id: string; name: string };
  syncRunId: string;
  at: string;
  /** The sync's changes with their ids, in commit order. */
  changes: readonly Change[];
  maxItems?: number;
}

/** The sync's event for a subscription with this filter; null when nothing of the sync matches. */
export function syncEvent(input: SyncEventInput, filter: SubscriptionFilter): NotificationEvent | null {
  const max = input.maxItems ?? MAX_EVENT_ITEMS;
  const listed: Change[] = [];
  const byKind: Partial<Record<ChangeKind, number>> = {};
  let total = 0;
  for (const change of input.changes) {
    if (!changeMatches(filter, change)) continue;
    total++;
    byKind[change.kind] = (byKind[change.kind] ?? 0) + 1;
    if (listed.length < max) listed.push(change);
  }
  if (total === 0) return null;
  const c = encodeURIComponent(input.connection.id);
  const data: SyncChangesData = {
    syncRunId: input.syncRunId,
    summary: {
      changes: total,
      findingsOpened: byKind["finding.opened"] ?? 0,
      findingsResolved: byKind["finding.resolved"] ?? 0,
      byKind,
    },
    changes: listed,
    truncated: total > listed.length,
    links: {
      api: `/api/changes?connectionId=${c}&syncRunId=${encodeURIComponent(input.syncRunId)}&order=asc`,
      web: `/changes?connection=${c}`,
    },
  };
  return {
    id: input.eventId,
    type: "sync.changes",
    occurredAt: input.at,
    organizationId: input.organizationId,
    connection: input.connection,
    data,
  };
}

/** The event with its links made absolute against the web app's base URL (no trailing slash). */
export function withBaseUrl(event: NotificationEvent, baseUrl: string): NotificationEvent {
  if (!("links" in event.data)) return event;
  const base = baseUrl.replace(/\/+$/, "");
  const { links } = event.data;
  return { ...event, data: { ...event.data, links: { api: base + links.api, web: base + links.web } } };
}
