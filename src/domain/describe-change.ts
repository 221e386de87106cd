// One line for people from a change: the one formatter the CLI (`idc-sync sync`, `idc-sync
// changes`) and the web's Changes page use. Names are those the diff recorded in the detail (as
// they were at the change), falling back to ids where a name is unknown.
import { readChangeDetail } from "./change-read.js";
import type { ChangeDraft, ChangeKind, ChangeSubject } from "./change.js";

/** A change as stored or as the API gives it: the detail is read into its kind's shape here. */
export type DescribableChange = ChangeSubject & { kind: ChangeKind; detail: unknown };

/** "arn:aws:sso:::permissionSet/ssoins-x/ps-y" -> "ps-y": the readable tail of an ARN. */
export function arnTail(arn: string): string {
  const i = arn.lastIndexOf("/");
  return i === -1 ? arn : arn.slice(i + 1);
}

const named = (name: string | null | undefined, fallback: string): string =>
  name === null || name === undefined || name === "" ? fallback : name;

/** The fields an update changed, in the order the diff recorded them. */
function changedFields(d: { before: object; after: object }): string {
  const fields = new Set([...Object.keys(d.before), ...Object.keys(d.after)]);
  return fields.size > 0 ? ` (${[...fields].join(", ")})` : "";
}

export function describeChange(change: DescribableChange): string {
  const c = { ...change, detail: readChangeDetail(change.kind, change.detail) } as ChangeDraft;
  const userId = c.userId ?? "a user";
  const groupId = c.groupId ?? "a group";
  const accountId = c.accountId ?? "an account";
  const psId = c.permissionSetArn === null ? "a permission set" : arnTail(c.permissionSetArn);
  switch (c.kind) {
    case "user.added":
      return `User ${named(c.detail.userName, userId)} added`;
    case "user.deleted":
      return `User ${named(c.detail.userName, userId)} removed from the directory`;
    case "user.restored":
      return `User ${named(c.detail.userName, userId)} is back in the directory`;
    case "user.enabled":
      return `User ${named(c.detail.userName, userId)} enabled`;
    case "user.disabled":
      return `User ${named(c.detail.userName, userId)} disabled`;
    case "user.updated":
      return `User ${named(c.detail.userName, userId)} changed${changedFields(c.detail)}`;
    case "group.added":
      return `Group ${named(c.detail.displayName, groupId)} added`;
    case "group.deleted":
      return `Group ${named(c.detail.displayName, groupId)} removed`;
    case "membership.added":
      return `${named(c.detail.userName, userId)} joined group ${named(c.detail.groupName, groupId)}`;
    case "membership.removed":
      return `${named(c.detail.userName, userId)} left group ${named(c.detail.groupName, groupId)}`;
    case "assignment.added":
    case "assignment.removed": {
      const d = c.detail;
      const ps = named(d.permissionSetName, psId);
      const account = named(d.accountName, accountId);
      // The subject's ids say which kind of principal it is (the diff sets exactly one of them).
      const principal =
        c.groupId !== null
          ? `group ${named(d.principalName, c.groupId)}`
          : named(d.principalName, c.userId ?? named(d.principalId, userId));
      return c.kind === "assignment.added"
        ? `${ps} on ${account} assigned to ${principal}`
        : `${ps} on ${account} unassigned from ${principal}`;
    }
    case "access.granted":
    case "access.revoked": {
      const d = c.detail;
      const who = named(d.userName, userId);
      const what = `${named(d.permissionSetName, psId)} on ${named(d.accountName, accountId)}`;
      return c.kind === "access.granted" ? `${who} can now use ${what}` : `${who} can no longer use ${what}`;
    }
    case "permissionSet.added":
      return `Permission set ${named(c.detail.name, psId)} added`;
    case "permissionSet.deleted":
      return `Permission set ${named(c.detail.name, psId)} removed`;
    case "permissionSet.updated":
      return `Permission set ${named(c.detail.name, psId)} changed${changedFields(c.detail)}`;
    case "account.added":
      return `Account ${named(c.detail.name, accountId)} added`;
    case "account.removed":
      return `Account ${named(c.detail.name, accountId)} removed`;
    case "finding.opened":
      return `Finding ${c.detail.reopened === true ? "re-opened" : "opened"}: ${named(c.detail.message, c.detail.rule)}`;
    case "finding.resolved":
      return `Finding resolved: ${named(c.detail.message, c.detail.rule)}`;
  }
}
