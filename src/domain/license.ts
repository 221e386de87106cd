// Which licenses a user holds. Every live Identity Center user (ENABLED or DISABLED: AWS keeps
// a disabled user's seat) holds LICENSE_TYPE; a DELETED user, kept for the history, holds none.
// Every count and list of licenses derives from this one rule, so they agree everywhere.
import { LICENSE_TYPE, type UserStatus } from "./model.js";

export function licenseTypesOf(status: UserStatus): string[] {
  return status === "DELETED" ? [] : [LICENSE_TYPE];
}

/** The users holding each license type, from the users per status. */
export function licenseCounts(byStatus: Record<UserStatus, number>): Record<string, number> {
  const licensed = byStatus.ENABLED + byStatus.DISABLED;
  return licensed === 0 ? {} : { [LICENSE_TYPE]: licensed };
}
