// `idc-sync access CONNECTION`: effective access by account -> permission set -> users.
import type { AccessRow } from "../store/store.js";
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

const HELP = `Usage: idc-sync access CONNECTION [options]

Who can use which AWS account with which permission set, directly or through which group.
Without filters: users per account and permission set. With a filter: one line per user.

Options:
  --account ID          only this account
  --permission-set ARN  only this permission set
  --user ID             only this user
  --users               one line per user even without a filter
  --limit N             at most N lines of users (default 1000, at most 1000000)
${DATA_HELP}
`;

function paths(row: AccessRow): string {
  return row.via
    .map((p) => (p.type === "DIRECT" ? "direct" : `group ${p.groupName ?? p.groupId}`))
    .join(", ");
}

export const accessCommand: Command = (args, ctx) =>
  runStoreCommand(
    "access",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      account: { type: "string" },
      "permission-set": { type: "string" },
      user: { type: "string" },
      users: { type: "boolean" },
      limit: { type: "string" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length !== 1) throw new UsageError("CONNECTION: name one connection (its id or name)");
      const limit = intOption("limit", values.limit, 1000, 1_000_000);
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const connection = await resolveConnection(store, organization.id, positionals[0]);
      const filtered =
        values.account !== undefined || values["permission-set"] !== undefined || values.user !== undefined;
      if (!filtered && values.users !== true) {
        const summary = await store.summarizeAccess(organization.id, connection.id);
        if (values.json === true) writeJson(ctx, summary);
        else {
          ctx.stdout.write(
            table([
              ["ACCOUNT", "PERMISSION SET", "USERS"],
              ...summary.map((s) => [
                `${s.accountName ?? ""} (${s.accountId})`,
                s.permissionSetName ?? s.permissionSetArn,
                String(s.users),
              ]),
            ]),
          );
        }
        return EXIT_OK;
      }
      const rows: AccessRow[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listAccess(organization.id, connection.id, {
          limit: Math.min(1000, limit - rows.length),
          cursor,
          ...(values.account === undefined ? {} : { accountId: values.account }),
          ...(values["permission-set"] === undefined ? {} : { permissionSetArn: values["permission-set"] }),
          ...(values.user === undefined ? {} : { userId: values.user }),
        });
        rows.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && rows.length < limit);
      if (values.json === true) {
        writeJson(ctx, rows);
        return EXIT_OK;
      }
      ctx.stdout.write(
        table([
          ["ACCOUNT", "PERMISSION SET", "USER", "STATUS", "VIA"],
          ...rows.map((r) => [
            `${r.accountName ?? ""} (${r.accountId})`,
            r.permissionSetName ?? r.permissionSetArn,
            r.userName,
            r.status,
            paths(r),
          ]),
        ]),
      );
      if (cursor !== null) ctx.stdout.write(`(first ${limit}; raise --limit for more)\n`);
      return EXIT_OK;
    },
  );
