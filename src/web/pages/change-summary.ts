// One line for people from a change row: the kind plus the names the diff put in `detail`
// (src/engine/changes.ts: userName, groupName, principalName, accountName, permissionSetName, or
// `name`/`displayName` on the entity's own changes), falling back to ids where a name is missing.
import type { Change } from "../api/types.js";
import { arnTail } from "../format.js";

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

function pick(detail: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = text(detail[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}

export function describeChange(c: Change): string {
  const d = c.detail;
  const user = pick(d, "userName", "principalName", "displayName") ?? c.userId ?? "a user";
  const group = pick(d, "groupName", "principalName", "displayName") ?? c.groupId ?? "a group";
  const account = pick(d, "accountName", "name") ?? c.accountId ?? "an account";
  const ps =
    pick(d, "permissionSetName", "name") ??
    (c.permissionSetArn !== null ? arnTail(c.permissionSetArn) : "a permission set");
  const changed = (): string => {
    const before = d.before;
    const after = d.after;
    const fields = new Set<string>();
    for (const o of [before, after])
      if (typeof o === "object" && o !== null) for (const k of Object.keys(o)) fields.add(k);
    return fields.size > 0 ? ` (${[...fields].join(", ")})` : "";
  };
  switch (c.kind) {
    case "user.added":
      return `User ${user} added`;
    case "user.deleted":
      return `User ${user} removed from the directory`;
    case "user.restored":
      return `User ${user} is back in the directory`;
    case "user.enabled":
      return `User ${user} enabled`;
    case "user.disabled":
      return `User ${user} disabled`;
    case "user.updated":
      return `User ${user} changed${changed()}`;
    case "group.added":
      return `Group ${group} added`;
    case "group.deleted":
      return `Group ${group} removed`;
    case "membership.added":
      return `${user} joined group ${group}`;
    case "membership.removed":
      return `${user} left group ${group}`;
    case "assignment.added":
      return `${ps} on ${account} assigned to ${c.groupId !== null ? `group ${group}` : user}`;
    case "assignment.removed":
      return `${ps} on ${account} unassigned from ${c.groupId !== null ? `group ${group}` : user}`;
    case "access.granted":
      return `${user} can now use ${ps} on ${account}`;
    case "access.revoked":
      return `${user} can no longer use ${ps} on ${account}`;
    case "permissionSet.added":
      return `Permission set ${ps} added`;
    case "permissionSet.deleted":
      return `Permission set ${ps} removed`;
    case "permissionSet.updated":
      return `Permission set ${ps} changed${changed()}`;
    case "account.added":
      return `Account ${account} added`;
    case "account.removed":
      return `Account ${account} removed`;
  }
}
