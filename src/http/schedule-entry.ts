import type { Connection } from "../domain/connection.js";
import type { ScheduleEntry } from "../scheduler/scheduler.js";

export function scheduleEntry(c: Connection): ScheduleEntry {
  return {
    id: c.id,
    organizationId: c.organizationId,
    scheduleMinutes: c.scheduleMinutes,
    lastSyncedAt: c.lastSyncedAt,
  };
}
