// access.admin (high): a live user who holds an admin-equivalent permission set on an account, one
// finding per (user, account, permission set), with every path (direct, or through which group).
// Together these answer "who is admin": `idc-sync findings C --rule access.admin --json`.
import type { AccessPath } from "../../model.js";
import type { FindingsContext } from "../context.js";
import { compositeId } from "../finding-id.js";
import { accountLabel, draft, permissionSetLabel, str, type FindingRule } from "../rule.js";
import type { FindingDraft } from "../types.js";

export type AdminPath = { type: "DIRECT" } | { type: "GROUP"; groupId: string; groupName: string | null };

export function describePaths(via: unknown): string {
  if (!Array.isArray(via)) return "";
  return (via as AdminPath[])
    .map((p) => (p.type === "DIRECT" ? "assigned directly" : `group ${p.groupName ?? p.groupId}`))
    .join(", ");
}

export const accessAdmin: FindingRule = {
  id: "access.admin",
  severity: "high",
  title: "A user who can act as administrator in an account",
  *evaluate(ctx: FindingsContext): Generator<FindingDraft> {
    // Paths are shared between rows: name each distinct list once.
    const named = new Map<readonly AccessPath[], AdminPath[]>();
    const pathsOf = (via: readonly AccessPath[]): AdminPath[] => {
      let paths = named.get(via);
      if (paths === undefined) {
        paths = via.map((p) =>
          p.type === "DIRECT"
            ? { type: "DIRECT" as const }
            : {
                type: "GROUP" as const,
                groupId: p.groupId,
                groupName: ctx.groups.get(p.groupId)?.displayName ?? null,
              },
        );
        named.set(via, paths);
      }
      return paths;
    };
    for (const row of ctx.adminRows) {
      const user = ctx.users.get(row.userId);
      const userName = user?.userName ?? row.userId;
      const accountName = accountLabel(ctx, row.accountId);
      const permissionSetName = permissionSetLabel(ctx, row.permissionSetArn);
      yield draft(
        this,
        {
          type: "access",
          id: compositeId(row.userId, row.accountId, row.permissionSetArn),
          name: `${userName} / ${accountName} / ${permissionSetName}`,
        },
        {
          userId: row.userId,
          accountId: row.accountId,
          permissionSetArn: row.permissionSetArn,
          details: {
            userName,
            userStatus: user?.status ?? null,
            accountName,
            permissionSetName,
            via: pathsOf(row.via),
          },
        },
      );
    }
  },
  message(f) {
    const d = f.details;
    const disabled = d.userStatus === "DISABLED" ? " (user is DISABLED)" : "";
    return `${str(d, "userName", f.userId ?? "")} can act as administrator in ${str(d, "accountName", f.accountId ?? "")} through ${str(d, "permissionSetName", f.permissionSetArn ?? "")} (${describePaths(d.via)})${disabled}`;
  },
};
