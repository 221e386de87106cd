// `idc-sync users CONNECTION`: the connection's users with status and license type.
import type { UserStatus } from "../domain/model.js";
import type { UserSortKey, UserView } from "../store/store.js";
import type { Command } from "./context.js";
import { fitTable, MAX_CELL } from "./fit-table.js";
import { EXIT_OK } from "./context.js";
import {
  DATA_HELP,
  DATA_OPTIONS,
  intOption,
  resolveConnection,
  resolveOrganization,
  runStoreCommand,
  UsageError,
  writeJson,
} from "./store-cli.js";

const HELP = `Usage: idc-sync users CONNECTION [options]

Lists the users of a connection (its id or name): user name, display name, email, status
(ENABLED, DISABLED, or DELETED for users gone from AWS), license type and last sign-in (from
CloudTrail's last 90 days, with the optional cloudtrail:LookupEvents; "never (90 d)" when there
was none in those days, "-" when sign-in activity is not read). --json has lastSignInAt (null for
either).

Options:
  --search TEXT   only users whose names or email contain TEXT (any case)
  --status S      ENABLED, DISABLED or DELETED
  --sort KEY      userName (default), displayName, status, firstSeenAt or lastSignInAt
  --desc          descending
  --limit N       at most N users (default 1000, at most 1000000)
  --wide          print every column whole (by default names and emails are cut to fit the
                  terminal's width, or to ${MAX_CELL} characters when the output is not a terminal)
${DATA_HELP}
`;

/** "2026-11-30 09:15", "never (90 d)" (none in CloudTrail's 90 days), or "-" (activity not read). */
function lastSignIn(at: string | null, read: boolean): string {
  if (at !== null) return `${at.slice(0, 10)} ${at.slice(11, 16)}`;
  return read ? "never (90 d)" : "-";
}

const STATUSES: UserStatus[] = ["ENABLED", "DISABLED", "DELETED"];
const SORTS: UserSortKey[] = ["userName", "displayName", "status", "firstSeenAt", "lastSignInAt"];

export const usersCommand: Command = (args, ctx) =>
  runStoreCommand(
    "users",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      search: { type: "string" },
      status: { type: "string" },
      sort: { type: "string" },
      desc: { type: "boolean" },
      limit: { type: "string" },
      wide: { type: "boolean" },
    },
    async ({ values, positionals }, open) => {
      if (positionals.length !== 1) throw new UsageError("CONNECTION: name one connection (its id or name)");
      const status = values.status?.toUpperCase();
      if (status !== undefined && !STATUSES.includes(status as UserStatus)) {
        throw new UsageError(`--status: expected ${STATUSES.join(", ")}, got '${values.status}'`);
      }
      const sort = values.sort ?? "userName";
      if (!SORTS.includes(sort as UserSortKey))
        throw new UsageError(`--sort: expected ${SORTS.join(", ")}, got '${sort}'`);
      const limit = intOption("limit", values.limit, 1000, 1_000_000);
      const store = await open();
      const organization = await resolveOrganization(store, values.org);
      const connection = await resolveConnection(store, organization.id, positionals[0]);
      const users: UserView[] = [];
      let cursor: string | null = null;
      let first = true;
      let counts;
      do {
        const page = await store.listUsers(organization.id, {
          connectionId: connection.id,
          sort: sort as UserSortKey,
          order: values.desc === true ? "desc" : "asc",
          limit: Math.min(1000, limit - users.length),
          cursor,
          withCounts: first,
          ...(values.search === undefined ? {} : { search: values.search }),
          ...(status === undefined ? {} : { status: status as UserStatus }),
        });
        if (first) counts = page.counts;
        first = false;
        users.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && users.length < limit);
      if (values.json === true) {
        writeJson(ctx, { counts, users });
        return EXIT_OK;
      }
      const activityRead =
        (await store.getActivityState(organization.id, connection.id)).state !== "never_read";
      ctx.stdout.write(
        fitTable(
          [
            ["USER NAME", "DISPLAY NAME", "EMAIL", "STATUS", "LICENSE", "LAST SIGN-IN"],
            ...users.map((u) => [
              u.userName,
              u.displayName ?? "",
              u.primaryEmail ?? "",
              u.status,
              u.licenseTypes.join(", "),
              lastSignIn(u.lastSignInAt, activityRead),
            ]),
          ],
          [true, true, true, false, false, false],
          { columns: ctx.columns, wide: values.wide === true },
        ),
      );
      const c = counts?.byStatus;
      if (c !== undefined) {
        ctx.stdout.write(
          `${counts?.total ?? 0} users: ${c.ENABLED} enabled, ${c.DISABLED} disabled, ${c.DELETED} deleted\n`,
        );
      }
      if (cursor !== null) ctx.stdout.write(`(first ${limit}; raise --limit for more)\n`);
      return EXIT_OK;
    },
  );
