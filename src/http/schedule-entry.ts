import type { Connection } from "../domain/connection.js";
import type { ScheduleEntry } from "../scheduler/scheduler.js";

export function scheduleEntry(c: Connection): ScheduleEntry {
  return { id: c.id, scheduleMinutes: c.scheduleMinutes, lastSyncedAt: c.lastSyncedAt };
}
