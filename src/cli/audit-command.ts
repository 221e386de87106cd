// `idc-sync audit`: the organization's audit log, newest first (issue 13): sign-ins, token
// changes, connections created, edited or deleted, syncs requested, findings accepted, exports.
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from "../domain/audit.js";
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  intOption,
  resolveOrganization,
  runStoreCommand,
  table,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync audit [--action ACTION] [--limit N] [--failed-sign-ins] [options]

The audit log, newest first: who (token, session or CLI), when, from where, what.

Options:
  --action ACTION     only this action: ${AUDIT_ACTIONS.join(", ")}
  --limit N           at most N entries, 1 to 1000 (default 100)
  --failed-sign-ins   the failed sign-ins instead (they name no organization)
${DATA_HELP}
`;

function who(e: AuditEntry): string {
  if (e.actor.via === "cli") return "cli";
  if (e.actor.via === "unknown") return "(not signed in)";
  return `${e.actor.via} ${e.actor.tokenName ?? e.actor.tokenId ?? ""}`;
}

export const auditCommand: Command = (args, ctx) =>
  runStoreCommand(
    "audit",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      action: { type: "string" },
      limit: { type: "string" },
      "failed-sign-ins": { type: "boolean" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length > 0) throw new UsageError("audit takes no positional arguments");
      const action = values.action;
      if (action !== undefined && !(AUDIT_ACTIONS as readonly string[]).includes(action))
        throw new UsageError(`--action: give one of ${AUDIT_ACTIONS.join(", ")}`);
      const limit = intOption("limit", values.limit, 100, 1000);
      const store = await open();
      const orgId =
        values["failed-sign-ins"] === true ? null : (await resolveOrganization(store, values.org)).id;
      const page = await store.listAudit(
        values["failed-sign-ins"] === true ? null : orgId,
        values["failed-sign-ins"] === true
          ? { limit, action: "session.sign_in_failed" }
          : { limit, ...(action === undefined ? {} : { action: action as AuditAction }) },
      );
      if (values.json === true) {
        writeJson(ctx, page.items);
        return EXIT_OK;
      }
      ctx.stdout.write(
        table([
          ["AT", "ACTION", "WHO", "FROM", "TARGET"],
          ...page.items.map((e) => [e.at, e.action, who(e), e.source, e.target ?? ""]),
        ]),
      );
      return EXIT_OK;
    },
  );
