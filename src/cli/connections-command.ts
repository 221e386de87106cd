// `idc-sync connections`: the organization's connections with state, last sync and user counts.
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  resolveOrganization,
  runStoreCommand,
  table,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync connections [options]

Lists the organization's Identity Center connections: state, last successful sync, last error,
and how many users each holds.

Options:
${DATA_HELP}
`;

export const connectionsCommand: Command = (args, ctx) =>
  runStoreCommand("connections", HELP, args, ctx, DATA_OPTIONS, async ({ values, positionals }, open) => {
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'; run 'idc-sync connections --help'`);
    const store = await open();
    const organization = await resolveOrganization(store, values.org);
    const connections = await store.listConnections(organization.id);
    const withCounts = await Promise.all(
      connections.map(async (c) => ({
        ...c,
        counts: await store.getConnectionCounts(organization.id, c.id),
      })),
    );
    if (values.json === true) {
      writeJson(ctx, withCounts);
      return EXIT_OK;
    }
    if (withCounts.length === 0) {
      ctx.stdout.write(`No connections in ${organization.name} yet: add one with 'idc-sync connect'.\n`);
      return EXIT_OK;
    }
    const rows = withCounts.map((c) => [
      c.id,
      c.name,
      c.state +
        (c.lastRunState === "needs_confirmation" ? " (last run needs confirmation: sync --force)" : ""),
      c.lastSyncedAt ?? "never",
      `${c.counts.users} (${c.counts.disabledUsers} disabled, ${c.counts.deletedUsers} deleted)`,
      c.lastError === null
        ? ""
        : `${c.lastError.message}${c.lastError.action === null ? "" : ` [${c.lastError.action}]`}`,
    ]);
    ctx.stdout.write(table([["ID", "NAME", "STATE", "LAST SYNC", "USERS", "LAST ERROR"], ...rows]));
    return EXIT_OK;
  });
