import type { Connection } from "../domain/connection.js";
import { ABANDONED_RUN_CODE } from "../domain/sync-run.js";
import type { ScheduleEntry } from "../scheduler/scheduler.js";

export function scheduleEntry(c: Connection): ScheduleEntry {
  return {
    id: c.id,
    organizationId: c.organizationId,
    scheduleMinutes: c.scheduleMinutes,
    lastSyncedAt: c.lastSyncedAt,
    lastRunId: c.lastRunId,
    abandonedRunId:
      c.lastRunState === "failed" && c.lastError?.code === ABANDONED_RUN_CODE ? c.lastRunId : null,
  };
}
