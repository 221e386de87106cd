// Sign-in activity, as the surfaces read it (the per-user and per-access values ride on the user
// and access rows; this is the per-connection part).
import type { StoredActivityState, UsageSummary } from "../domain/activity.js";

export interface ActivityPort {
  /** The connection's activity read state (never_read before any). NotFoundError for another org's. */
  getActivityState(orgId: string, connectionId: string): Promise<StoredActivityState>;
  /** Active in the last 30 and 90 days, never seen, seats held by people inactive 90 days. */
  getUsageSummary(orgId: string, connectionId: string, now?: Date): Promise<UsageSummary>;
}
