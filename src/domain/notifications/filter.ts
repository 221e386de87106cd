// Which changes of a sync a subscription receives. Pure: the store applies it inside the sync's
// commit transaction, so the outbox holds exactly what matched when the sync was committed.
import type { ChangeDraft } from "../change.js";
import { severityRank } from "../findings/types.js";
import type { SubscriptionFilter } from "./types.js";

export function connectionMatches(filter: SubscriptionFilter, connectionId: string): boolean {
  return filter.connectionIds.length === 0 || filter.connectionIds.includes(connectionId);
}

export function changeMatches(filter: SubscriptionFilter, change: ChangeDraft): boolean {
  if (filter.changeKinds.length > 0 && !filter.changeKinds.includes(change.kind)) return false;
  if (change.kind !== "finding.opened" && change.kind !== "finding.resolved") return true;
  const { rule, severity } = change.detail;
  if (filter.findingRules.length > 0 && !filter.findingRules.includes(rule)) return false;
  return filter.minSeverity === null || severityRank(severity) <= severityRank(filter.minSeverity);
}

export const EMPTY_FILTER: SubscriptionFilter = {
  changeKinds: [],
  findingRules: [],
  minSeverity: null,
  connectionIds: [],
};
