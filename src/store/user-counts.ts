// Users per status. Each commit recounts its connection's users into the connection row
// (connections.user_count_*), so lists and connection pages read three integers instead of
// counting 100,000 rows on every request; users change only in commits, so the stored counts are
// exact whenever the users are.
import type { Selectable } from "kysely";
import { licenseCounts } from "../domain/license.js";
import type { UserStatus } from "../domain/model.js";
import type { Executor } from "./context.js";
import { toNumber } from "./dialect.js";
import type { ConnectionsTable } from "./schema.js";
import type { UserCounts } from "./store.js";

export type StatusCounts = Record<UserStatus, number>;

type CountColumns = Pick<
  Selectable<ConnectionsTable>,
  "user_count_enabled" | "user_count_disabled" | "user_count_deleted"
>;

export const USER_COUNT_COLUMNS = [
  "user_count_enabled",
  "user_count_disabled",
  "user_count_deleted",
] as const;

export function noCounts(): StatusCounts {
  return { ENABLED: 0, DISABLED: 0, DELETED: 0 };
}

/** Counts from `status, n` rows of a GROUP BY status. */
export function statusCounts(rows: readonly { status: string; n: string | number | bigint }[]): StatusCounts {
  const counts = noCounts();
  for (const r of rows) if (r.status in counts) counts[r.status as UserStatus] += toNumber(r.n);
  return counts;
}

/** The stored counts of some connections, added up. */
export function storedCounts(rows: readonly CountColumns[]): StatusCounts {
  const counts = noCounts();
  for (const r of rows) {
    counts.ENABLED += r.user_count_enabled;
    counts.DISABLED += r.user_count_disabled;
    counts.DELETED += r.user_count_deleted;
  }
  return counts;
}

export function userCounts(byStatus: StatusCounts): UserCounts {
  const total = byStatus.ENABLED + byStatus.DISABLED + byStatus.DELETED;
  return { total, byStatus, byLicenseType: licenseCounts(byStatus) };
}

/** The connection's users counted now (inside the commit), as connection row columns. */
export async function recountUsers(trx: Executor, connectionId: string): Promise<CountColumns> {
  const rows = await trx
    .selectFrom("users")
    .select(["status", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("connection_id", "=", connectionId)
    .groupBy("status")
    .execute();
  const counts = statusCounts(rows);
  return {
    user_count_enabled: counts.ENABLED,
    user_count_disabled: counts.DISABLED,
    user_count_deleted: counts.DELETED,
  };
}
