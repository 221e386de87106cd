// `idc-sync changes CONNECTION [--since TIME]`: the connection's change history, oldest first.
import type { Change, ChangeKind } from "../domain/change.js";
import { CHANGE_KINDS, isChangeKind } from "../domain/change.js";
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
import { describeChange } from "../domain/describe-change.js";

const HELP = `Usage: idc-sync changes CONNECTION [--since TIME] [options]

The changes syncs found in a connection (its id or name), oldest first.

Options:
  --since TIME    only changes at or after this ISO-8601 time, e.g. 2026-11-01T00:00:00Z
  --kind KIND     only this kind (repeatable): ${CHANGE_KINDS.join(", ")}
  --user ID       only changes concerning this user id
  --account ID    only changes concerning this account id
  --limit N       at most N changes (default 1000, at most 100000)
${DATA_HELP}
`;

export const changesCommand: Command = (args, ctx) =>
  runStoreCommand(
    "changes",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      since: { type: "string" },
      kind: { type: "string", multiple: true },
      user: { type: "string" },
      account: { type: "string" },
      limit: { type: "string" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length !== 1) throw new UsageError("CONNECTION: name one connection (its id or name)");
      const kinds: ChangeKind[] = [];
      for (const kind of values.kind ?? []) {
        if (!isChangeKind(kind))
          throw new UsageError(`--kind: '${kind}' is not a change kind; one of ${CHANGE_KINDS.join(", ")}`);
        kinds.push(kind);
      }
      if (values.since !== undefined && Number.isNaN(Date.parse(values.since))) {
        throw new UsageError(
          `--since: expected an ISO-8601 time such as 2026-11-01T00:00:00Z, got '${values.since}'`,
        );
      }
      const limit = intOption("limit", values.limit, 1000, 100_000);
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const connection = await resolveConnection(store, organization.id, positionals[0]);
      const changes: Change[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listChanges(organization.id, {
          connectionId: connection.id,
          order: "asc",
          limit: Math.min(1000, limit - changes.length),
          cursor,
          ...(values.since === undefined ? {} : { since: values.since }),
          ...(kinds.length === 0 ? {} : { kinds }),
          ...(values.user === undefined ? {} : { userId: values.user }),
          ...(values.account === undefined ? {} : { accountId: values.account }),
        });
        changes.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && changes.length < limit);
      if (values.json === true) {
        writeJson(ctx, changes);
        return EXIT_OK;
      }
      if (changes.length === 0) {
        ctx.stdout.write("No changes.\n");
        return EXIT_OK;
      }
      ctx.stdout.write(
        table([["AT", "KIND", "CHANGE"], ...changes.map((c) => [c.at, c.kind, describeChange(c)])]),
      );
      if (cursor !== null)
        ctx.stdout.write(`(first ${limit}; raise --limit or narrow with --since for more)\n`);
      return EXIT_OK;
    },
  );
