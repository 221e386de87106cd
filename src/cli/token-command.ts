// `idc-sync token create|list|revoke` (issue 13, M2): an organization's API tokens, with a name,
// a scope (read or admin), an optional expiry, their creation and last use. Revoking one ends
// it and every web session it signed in, at once.
import { tokenActive, type TokenInfo } from "../domain/access.js";
import type { NewAuditEntry } from "../domain/audit.js";
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

const HELP = `Usage: idc-sync token create --name NAME [--scope read|admin] [--expires-in-days N] [options]
       idc-sync token list [options]
       idc-sync token revoke TOKEN_ID [options]

create  makes an API token and prints it once (only its hash is stored). Scope read (default)
        may only read; admin may also change connections, run syncs and manage tokens.
list    the organization's tokens: name, scope, created, last used, expiry, revoked.
revoke  stops a token at once, with every web session it signed in.

Options:
  --name NAME           what the token is for (create)
  --scope read|admin    default read (create)
  --expires-in-days N   it stops working after N days, 1 to 3650 (create; default never)
${DATA_HELP}
`;

/** An audit entry for what the operator did on the CLI. */
function cliAudit(
  organizationId: string,
  action: "token.created" | "token.revoked",
  target: string,
  details: Record<string, unknown>,
): NewAuditEntry {
  return {
    organizationId,
    actor: { via: "cli", tokenId: null, tokenName: null, sessionId: null },
    source: "cli",
    action,
    target,
    details,
  };
}

function state(t: TokenInfo, now: Date): string {
  if (t.revokedAt !== null) return `revoked ${t.revokedAt}`;
  if (!tokenActive(t, now)) return `expired ${t.expiresAt ?? ""}`;
  return "active";
}

export const tokenCommand: Command = (args, ctx) =>
  runStoreCommand(
    "token",
    HELP,
    args,
    ctx,
    {
      ...DATA_OPTIONS,
      name: { type: "string" },
      scope: { type: "string" },
      "expires-in-days": { type: "string" },
    },
    async ({ values, positionals }, open) => {
      const [action, ...rest] = positionals;
      if (action === "create") {
        if (rest.length > 0) throw new UsageError("create takes no positional arguments; give --name");
        const name = values.name?.trim() ?? "";
        if (name === "") throw new UsageError("--name: say what the token is for, e.g. --name 'CI export'");
        const scope = values.scope ?? "read";
        if (scope !== "read" && scope !== "admin") throw new UsageError("--scope: give read or admin");
        const days =
          values["expires-in-days"] === undefined
            ? undefined
            : intOption("expires-in-days", values["expires-in-days"], 0, 3650);
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const expiresAt = days === undefined ? null : new Date(Date.now() + days * 86_400_000).toISOString();
        const { token, info } = await store.createToken(organization.id, { name, scope, expiresAt });
        await store.recordAudit(
          cliAudit(organization.id, "token.created", info.id, { name, scope, expiresAt }),
        );
        if (values.json === true) {
          writeJson(ctx, { token, ...info });
          return EXIT_OK;
        }
        ctx.stdout.write(
          [
            `Token:    ${token}`,
            `Id:       ${info.id}`,
            `Name:     ${info.name}`,
            `Scope:    ${info.scope}`,
            `Expires:  ${info.expiresAt ?? "never (until revoked)"}`,
            "",
            "Keep the token now: it is not shown again (only its hash is stored).",
            "",
          ].join("\n"),
        );
        return EXIT_OK;
      }
      if (action === "list" && rest.length === 0) {
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const tokens = await store.listTokens(organization.id);
        if (values.json === true) {
          writeJson(ctx, tokens);
          return EXIT_OK;
        }
        const now = new Date();
        ctx.stdout.write(
          table([
            ["ID", "NAME", "SCOPE", "CREATED", "LAST USED", "EXPIRES", "STATE"],
            ...tokens.map((t) => [
              t.id,
              t.name,
              t.scope,
              t.createdAt,
              t.lastUsedAt ?? "never",
              t.expiresAt ?? "never",
              state(t, now),
            ]),
          ]),
        );
        return EXIT_OK;
      }
      if (action === "revoke") {
        if (rest.length !== 1 || rest[0] === undefined)
          throw new UsageError("TOKEN_ID: give the id 'idc-sync token list' shows");
        const store = await open();
        const organization = await resolveOrganization(store, values.org);
        const info = await store.revokeToken(organization.id, rest[0]);
        await store.recordAudit(cliAudit(organization.id, "token.revoked", info.id, {}));
        if (values.json === true) writeJson(ctx, info);
        else ctx.stdout.write(`revoked ${info.id} (${info.name}) at ${info.revokedAt ?? ""}\n`);
        return EXIT_OK;
      }
      throw new UsageError("expected 'create', 'list' or 'revoke TOKEN_ID'; run 'idc-sync token --help'");
    },
  );
