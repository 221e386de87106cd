// `idc-sync org create NAME` and `idc-sync org list`: organizations (tenants). Creating one
// prints its external id (for the role's trust policy) and its admin token, once.
import type { Command } from "./context.js";
import { EXIT_OK } from "./context.js";
import { DATA_OPTIONS, runStoreCommand, table, UsageError, writeJson } from "./store-cli.js";

const HELP = `Usage: idc-sync org create NAME [options]
       idc-sync org list [options]

create  makes an organization and prints its id, its external id (the sts:ExternalId its AWS
        role's trust policy must require) and an admin access token, shown only this once.
list    lists the organizations.

Options:
  --data-dir DIR  the SQLite data directory (default: IDC_SYNC_DATA_DIR, else ./data);
                  without it, DATABASE_URL (postgres://...) is used when set
  --json          machine output
  -h, --help      this help
`;

export const orgCommand: Command = (args, ctx) =>
  runStoreCommand("org", HELP, args, ctx, DATA_OPTIONS, async ({ values, positionals }, open) => {
    const [action, ...rest] = positionals;
    if (action === "list" && rest.length === 0) {
      const store = await open();
      const orgs = await store.listOrganizations();
      if (values.json === true) {
        writeJson(ctx, orgs);
      } else {
        ctx.stdout.write(
          table([["ID", "NAME", "EXTERNAL ID"], ...orgs.map((o) => [o.id, o.name, o.externalId])]),
        );
      }
      return EXIT_OK;
    }
    if (action !== "create")
      throw new UsageError("expected 'create NAME' or 'list'; run 'idc-sync org --help'");
    if (rest.length !== 1 || rest[0] === undefined) {
      throw new UsageError("NAME: give the organization's name as one argument (quote it if it has spaces)");
    }
    const store = await open({ create: true });
    const organization = await store.createOrganization(rest[0]);
    const { token } = await store.createApiToken(organization.id, "admin");
    if (values.json === true) {
      writeJson(ctx, {
        id: organization.id,
        name: organization.name,
        externalId: organization.externalId,
        adminToken: token,
      });
      return EXIT_OK;
    }
    ctx.stdout.write(
      [
        `Organization:  ${organization.name}`,
        `Id:            ${organization.id}`,
        `External id:   ${organization.externalId}`,
        `Admin token:   ${token}`,
        "",
        "Keep the admin token now: it is not shown again (only its hash is stored).",
        "Next: 'idc-sync policy --org <id>' for the role to create in AWS, then 'idc-sync connect'.",
        "",
      ].join("\n"),
    );
    return EXIT_OK;
  });
