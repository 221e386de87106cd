// `idc-sync findings CONNECTION [--rule R] [--severity S] [--status S] [--json]`: what the last
// sync found (who is admin, who should not have access, what is wasted); `--accept ID --reason R`
// records an admin's decision to accept one.
import { userInfo } from "node:os";
import {
  FINDING_RULES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  isFindingRule,
  isFindingSeverity,
} from "../domain/findings/types.js";
import type { Finding, FindingRuleId, FindingSeverity, FindingStatus } from "../domain/findings/types.js";
import { findingView } from "../domain/findings/view.js";
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  intOption,
  resolveConnection,
  resolveOrganization,
  runStoreCommand,
  table,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync findings CONNECTION [options]
       idc-sync findings CONNECTION --accept FINDING_ID --reason TEXT [--by NAME]

The findings of a connection (its id or name) as of its last sync, most severe first: who can act
as administrator, who should not have access, what is wasted. --rule access.admin answers "who is
admin": every user with admin-equivalent access, in which account, through which group.

Options:
  --rule RULE         only this rule (repeatable): ${FINDING_RULES.join(", ")}
  --severity S        only this severity (repeatable): ${FINDING_SEVERITIES.join(", ")}
  --status S          open (default), resolved, accepted or all
  --user ID           only findings about this user
  --account ID        only findings about this account
  --limit N           at most N findings (default 100000, at most 1000000)
  --accept ID         accept this finding (it stays visible, no longer counts as open, and
                      re-opens if its facts change); needs --reason
  --reason TEXT       why it is accepted (recorded with it)
  --by NAME           who accepts it (default: the operating system's user name)
${DATA_HELP}
`;

function oneOf<T extends string>(
  flag: string,
  values: string[] | undefined,
  allowed: readonly T[],
  is: (v: string) => v is T,
): T[] {
  return (values ?? []).map((v) => {
    if (!is(v)) throw new UsageError(`--${flag}: '${v}' is not one of ${allowed.join(", ")}`);
    return v;
  });
}

function viaText(f: Finding): string {
  const via = f.details.via;
  if (!Array.isArray(via)) return "";
  return (via as { type: string; groupId?: string; groupName?: string | null }[])
    .map((p) => (p.type === "DIRECT" ? "direct" : `group ${p.groupName ?? p.groupId ?? ""}`))
    .join(", ");
}

function text(value: unknown, fallback: string | null): string {
  return typeof value === "string" ? value : (fallback ?? "");
}

/** The "who is admin" table: one line per user, account and permission set. */
function whoIsAdmin(findings: Finding[]): string {
  return table([
    ["USER", "STATUS", "ACCOUNT", "PERMISSION SET", "VIA"],
    ...findings.map((f) => [
      text(f.details.userName, f.userId),
      text(f.details.userStatus, null),
      `${text(f.details.accountName, f.accountId)} (${f.accountId ?? ""})`,
      text(f.details.permissionSetName, f.permissionSetArn),
      viaText(f),
    ]),
  ]);
}

export const findingsCommand: Command = (args, ctx) =>
  runStoreCommand(
    "findings",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      rule: { type: "string", multiple: true },
      severity: { type: "string", multiple: true },
      status: { type: "string" },
      user: { type: "string" },
      account: { type: "string" },
      limit: { type: "string" },
      accept: { type: "string" },
      reason: { type: "string" },
      by: { type: "string" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length !== 1) throw new UsageError("CONNECTION: name one connection (its id or name)");
      const rules: FindingRuleId[] = oneOf("rule", values.rule, FINDING_RULES, isFindingRule);
      const severities: FindingSeverity[] = oneOf(
        "severity",
        values.severity,
        FINDING_SEVERITIES,
        isFindingSeverity,
      );
      const status = values.status ?? "open";
      if (status !== "all" && !(FINDING_STATUSES as readonly string[]).includes(status))
        throw new UsageError(`--status: '${status}' is not one of open, resolved, accepted, all`);
      const limit = intOption("limit", values.limit, 100_000, 1_000_000);
      if (values.accept !== undefined) {
        const reason = values.reason?.trim() ?? "";
        if (reason === "")
          throw new UsageError(
            "--reason: say why the finding is accepted, e.g. --reason 'break-glass account, reviewed quarterly'",
          );
        if (reason.length > 1000) throw new UsageError("--reason: at most 1000 characters");
        const by = (values.by ?? userInfo().username).trim();
        if (by === "" || by.length > 200)
          throw new UsageError("--by: give who accepts it (1 to 200 characters)");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const connection = await resolveConnection(store, organization.id, positionals[0]);
        const accepted = await store.acceptFinding(organization.id, connection.id, values.accept, {
          by,
          reason,
        });
        if (values.json === true) writeJson(ctx, findingView(accepted));
        else ctx.stdout.write(`accepted ${accepted.id}: ${accepted.message}\n`);
        return EXIT_OK;
      }
      if (values.reason !== undefined || values.by !== undefined)
        throw new UsageError("--reason and --by go with --accept FINDING_ID");
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const connection = await resolveConnection(store, organization.id, positionals[0]);
      const findings: Finding[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listFindings(organization.id, {
          connectionId: connection.id,
          status: status as FindingStatus | "all",
          limit: Math.min(1000, limit - findings.length),
          cursor,
          ...(rules.length === 0 ? {} : { rules }),
          ...(severities.length === 0 ? {} : { severities }),
          ...(values.user === undefined ? {} : { userId: values.user }),
          ...(values.account === undefined ? {} : { accountId: values.account }),
        });
        findings.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && findings.length < limit);
      if (values.json === true) {
        writeJson(ctx, findings.map(findingView));
        return EXIT_OK;
      }
      if (findings.length === 0) {
        ctx.stdout.write(
          connection.lastSyncedAt === null
            ? "No findings yet: the connection has not synced.\n"
            : "No findings.\n",
        );
        return EXIT_OK;
      }
      if (rules.length === 1 && rules[0] === "access.admin") ctx.stdout.write(whoIsAdmin(findings));
      else
        ctx.stdout.write(
          table([
            ["SEVERITY", "STATUS", "RULE", "FINDING", "ID"],
            ...findings.map((f) => [f.severity, f.status, f.rule, f.message, f.id]),
          ]),
        );
      if (cursor !== null) ctx.stdout.write(`(first ${limit}; raise --limit or filter for more)\n`);
      return EXIT_OK;
    },
  );
